"""Grad-CAM on tiny models built from config: loading, CAM values, randomisation check, grid, stage."""

import json
import runpy
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import torch
import torch.nn.functional as F
import yaml
from PIL import Image
from safetensors.torch import save_file

from medrepro import layout
from medrepro.errors import InputError
from medrepro.explain import gradcam as gc
from medrepro.models.registry import create_model

REPO = Path(__file__).resolve().parents[1]
CLASSES = ["akiec", "bcc", "bkl", "df", "mel", "nv", "vasc"]
ENTRIES = yaml.safe_load((Path(__file__).with_name("tiny_architectures.yaml")).read_text())
TINY = {name: entry.get("model_kwargs", {}) for name, entry in ENTRIES.items()}
SIZE = 64  # 2×2 ResNet feature map, 4×4 ViT token grid: as on the sample
FAMILIES = ["resnet50", "efficientnet_b3", "densenet121", "vit_b_16", "convnext_tiny",
            "swin_tiny_patch4_window7_224", "test_maxvit", "coat_lite_tiny"]


def _loaded(arch: str, seed: int = 1) -> gc.LoadedModel:
    """A tiny model with every layer random (a zero-initialised head would give all-zero CAMs)."""
    meta = gc.LoadedModel(model=torch.nn.Identity(), arch=arch, classes=CLASSES, image_size=SIZE,
                          mean=[0.485, 0.456, 0.406], std=[0.229, 0.224, 0.225], model_kwargs=TINY[arch],
                          gradcam_layer=ENTRIES[arch].get("gradcam_layer", ""),
                          gradcam_reshape=ENTRIES[arch].get("gradcam_reshape", "auto"))
    meta.model = gc.randomised_copy(meta, seed)
    return meta


def _images(n: int, seed: int = 0) -> np.ndarray:
    """Noise with a bright square whose position varies, so CAMs have something to rank."""
    rng = np.random.default_rng(seed)
    images = rng.integers(40, 120, size=(n, SIZE, SIZE, 3), dtype=np.uint8)
    for i in range(n):
        r, c = rng.integers(0, SIZE - 24, size=2)
        images[i, r:r + 24, c:c + 24] = (230, 60, 50)
    return images


@pytest.fixture(scope="module")
def resnet():
    return _loaded("resnet50")


def _save_model_dir(loaded: gc.LoadedModel, model_dir: Path) -> None:
    model_dir.mkdir(parents=True, exist_ok=True)
    state = {k: v.contiguous() for k, v in loaded.model.state_dict().items()}
    save_file(state, model_dir / "model.safetensors")
    (model_dir / "model.json").write_text(json.dumps({
        "arch": loaded.arch, "timm_name": "x", "classes": CLASSES, "image_size": SIZE, "mean": loaded.mean,
        "std": loaded.std, "model_kwargs": loaded.model_kwargs, "num_parameters": 1,
    }))


def test_load_model_roundtrip_and_mismatch(tmp_path, resnet):
    _save_model_dir(resnet, tmp_path / "m")
    loaded = gc.load_model(tmp_path / "m" / "model.json", tmp_path / "m" / "model.safetensors")
    x, _ = gc.prepare_inputs(_images(2), SIZE, resnet.mean, resnet.std)
    with torch.no_grad():
        assert torch.allclose(loaded.model(x), resnet.model(x), atol=1e-6)
    assert not loaded.model.training
    meta = json.loads((tmp_path / "m" / "model.json").read_text())
    meta["model_kwargs"] = {"channels": [8, 16, 32, 32], "stem_width": 8}
    (tmp_path / "m" / "model.json").write_text(json.dumps(meta))
    with pytest.raises(InputError, match="do not fit"):
        gc.load_model(tmp_path / "m" / "model.json", tmp_path / "m" / "model.safetensors")


def test_randomised_copy_is_random_everywhere_and_seeded(resnet):
    fresh = create_model("resnet50", 7, SIZE, model_kwargs=TINY["resnet50"])
    assert float(fresh.get_classifier().weight.detach().abs().max()) == 0.0  # why the copy must reset layers
    a, b = gc.randomised_copy(resnet, 42), gc.randomised_copy(resnet, 42)
    c = gc.randomised_copy(resnet, 43)
    sa, sb, sc, st = a.state_dict(), b.state_dict(), c.state_dict(), resnet.model.state_dict()
    assert sa.keys() == st.keys()
    assert all(torch.equal(sa[k], sb[k]) for k in sa)
    assert float(a.get_classifier().weight.detach().abs().max()) > 0
    assert not torch.equal(sa["fc.weight"], sc["fc.weight"])
    assert not torch.equal(sa["conv1.weight"], st["conv1.weight"])


@pytest.mark.parametrize("arch", ["resnet50", "vit_b_16"])
def test_cams_have_image_shape_and_unit_range(arch, resnet):
    loaded = resnet if arch == "resnet50" else _loaded(arch)
    x, _ = gc.prepare_inputs(_images(4), SIZE, loaded.mean, loaded.std)
    cams = gc.compute_cams(loaded.model, arch, x, [0, 1, 2, 3])
    assert cams.shape == (4, SIZE, SIZE)
    assert np.isfinite(cams).all() and cams.min() >= 0.0 and cams.max() <= 1.0 + 1e-6
    assert any(np.ptp(c) > 0 for c in cams)


@pytest.mark.parametrize("arch", FAMILIES)
def test_every_family_explains_and_runs_the_randomisation_check(arch):
    """The derived (or, for CoaT, overridden) layer gives non-constant image-sized CAMs for any family."""
    loaded = _loaded(arch)
    images = _images(6, seed=2)
    x, _ = gc.prepare_inputs(images, SIZE, loaded.mean, loaded.std)
    cams = gc.compute_cams(loaded.model, arch, x, [0, 1, 2, 3, 4, 5], **gc.cam_override(loaded))
    assert cams.shape == (6, SIZE, SIZE) and np.isfinite(cams).all()
    assert sum(np.ptp(c) > 0 for c in cams) >= 3
    summary = gc.randomisation_check(loaded, images, np.arange(6) % 7, n_images=6, seed=0, target="true")
    assert summary["n_images"] == 6 and summary["n_undefined"] < 6
    assert -1.0 <= summary["rank_correlation_mean"] <= 1.0


def test_old_model_json_without_a_recorded_layer_derives_it(tmp_path):
    """vit_b_16 model.json files written before the layer was recorded (timm_name only) still explain."""
    vit = _loaded("vit_b_16")
    _save_model_dir(vit, tmp_path / "m")
    meta = json.loads((tmp_path / "m" / "model.json").read_text())
    assert "gradcam_layer" not in meta
    meta["timm_name"] = "vit_base_patch16_224"
    (tmp_path / "m" / "model.json").write_text(json.dumps(meta))
    loaded = gc.load_model(tmp_path / "m" / "model.json", tmp_path / "m" / "model.safetensors")
    assert (loaded.gradcam_layer, loaded.gradcam_reshape) == ("", "auto")
    x, _ = gc.prepare_inputs(_images(3), SIZE, loaded.mean, loaded.std)
    derived = gc.compute_cams(loaded.model, "vit_b_16", x, [0, 1, 2], **gc.cam_override(loaded))
    explicit = gc.compute_cams(loaded.model, "vit_b_16", x, [0, 1, 2], layer="blocks.0.norm1", reshape="tokens")
    assert np.array_equal(derived, explicit) and any(np.ptp(c) > 0 for c in derived)


def test_layer_recorded_in_model_json_is_the_one_explained(tmp_path, trained_resnet):
    _save_model_dir(trained_resnet, tmp_path / "m")
    meta = json.loads((tmp_path / "m" / "model.json").read_text())
    (tmp_path / "m" / "model.json").write_text(json.dumps({**meta, "gradcam_layer": "layer3",
                                                           "gradcam_reshape": "nchw"}))
    loaded = gc.load_model(tmp_path / "m" / "model.json", tmp_path / "m" / "model.safetensors")
    images, labels, _ = _planted(12, seed=3)
    expl = gc.explain(loaded, images, labels, [f"ISIC_{i}" for i in range(12)], per_class=2, seed=0)
    x, _ = gc.prepare_inputs(images[expl.indices], SIZE, loaded.mean, loaded.std)
    layer3 = gc.compute_cams(loaded.model, "resnet50", x, expl.targets, layer="layer3")
    layer4 = gc.compute_cams(loaded.model, "resnet50", x, expl.targets)
    assert np.allclose(expl.cams, layer3, atol=1e-6) and not np.allclose(expl.cams, layer4, atol=1e-3)


def test_cam_matches_a_hand_computed_grad_cam(resnet):
    """Grad-CAM by hand on layer4: channel weights = mean gradient, ReLU, bilinear upsampling, min-max."""
    x, _ = gc.prepare_inputs(_images(3, seed=5), SIZE, resnet.mean, resnet.std)
    targets = [4, 0, 6]
    store = {}
    layer = resnet.model.layer4[-1]
    handle = layer.register_forward_hook(lambda m, i, o: store.update(act=o))
    try:
        out = resnet.model(x)
        act = store["act"]
        grads = torch.autograd.grad(out[torch.arange(3), torch.tensor(targets)].sum(), act)[0]
    finally:
        handle.remove()
    cam = F.relu((grads.mean(dim=(2, 3), keepdim=True) * act).sum(1, keepdim=True))
    cam = F.interpolate(cam, size=(SIZE, SIZE), mode="bilinear", align_corners=False)[:, 0].detach().numpy()
    lo, hi = cam.min(axis=(1, 2), keepdims=True), cam.max(axis=(1, 2), keepdims=True)
    expected = (cam - lo) / (hi - lo + 1e-7)
    got = gc.compute_cams(resnet.model, "resnet50", x, targets)
    assert np.abs(got - expected).max() < 1e-3


def test_rank_correlations_and_summary():
    rng = np.random.default_rng(0)
    a = rng.random((3, 8, 8)).astype(np.float32)
    same = gc.rank_correlations(a, a.copy())
    assert np.allclose(same, 1.0)
    flipped = gc.rank_correlations(a, 1.0 - a)
    assert np.allclose(flipped, -1.0)
    b = a.copy()
    b[1] = 0.0
    rho = gc.rank_correlations(a, b)
    assert np.isnan(rho[1]) and np.allclose(rho[[0, 2]], 1.0)
    summary = gc.correlation_summary(rho, a, b)
    assert summary["n_images"] == 3 and summary["n_undefined"] == 1
    assert summary["n_constant_trained"] == 0 and summary["n_constant_random"] == 1
    assert summary["rank_correlation_mean"] == pytest.approx(1.0)


SQUARE_COLOURS = np.array([(230, 40, 40), (40, 60, 230), (40, 200, 60)], dtype=np.uint8)


def _planted(n: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Noise with one 20-px square inside a random quadrant; its colour is the class. Also the quadrant masks."""
    rng = np.random.default_rng(seed)
    images = rng.integers(60, 160, size=(n, SIZE, SIZE, 3), dtype=np.uint8)
    labels = rng.integers(0, len(SQUARE_COLOURS), size=n)
    masks = np.zeros((n, SIZE, SIZE), dtype=bool)
    half = SIZE // 2
    for i, (k, q) in enumerate(zip(labels, rng.integers(0, 4, size=n), strict=True)):
        r0, c0 = (q // 2) * half, (q % 2) * half
        r, c = r0 + rng.integers(0, half - 19), c0 + rng.integers(0, half - 19)
        images[i, r:r + 20, c:c + 20] = SQUARE_COLOURS[k]
        masks[i, r0:r0 + half, c0:c0 + half] = True
    return images, labels, masks


@pytest.fixture(scope="module")
def trained_resnet() -> gc.LoadedModel:
    """A tiny ResNet trained (a few seconds on a CPU) to name the colour of the square: a real trained model."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        torch.manual_seed(0)
        loaded = gc.LoadedModel(model=create_model("resnet50", len(CLASSES), SIZE, model_kwargs=TINY["resnet50"]),
                                arch="resnet50", classes=CLASSES, image_size=SIZE, mean=[0.485, 0.456, 0.406],
                                std=[0.229, 0.224, 0.225], model_kwargs=TINY["resnet50"])
        images, labels, _ = _planted(256, seed=0)
        x, _ = gc.prepare_inputs(images, SIZE, loaded.mean, loaded.std)
        y = torch.from_numpy(labels)
        optimizer = torch.optim.AdamW(loaded.model.parameters(), lr=1e-2)
        batches = torch.Generator().manual_seed(0)
        loaded.model.train()
        for _ in range(25):
            idx = torch.randint(0, len(y), (32,), generator=batches)
            loss = F.cross_entropy(loaded.model(x[idx]), y[idx])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        loaded.model.eval()
    finally:
        torch.set_num_threads(threads)
    return loaded


def test_randomisation_check_separates_trained_from_random(trained_resnet):
    images, labels, quadrant = _planted(32, seed=1)
    x, _ = gc.prepare_inputs(images, SIZE, trained_resnet.mean, trained_resnet.std)
    with torch.no_grad():
        assert (trained_resnet.model(x).argmax(1).numpy() == labels).mean() >= 0.8  # it learnt the square

    def mass_on_square(model) -> float:  # share of CAM mass in the square's quadrant; 0.25 by chance
        cams = gc.compute_cams(model, "resnet50", x, labels.tolist())
        total = cams.sum(axis=(1, 2))
        return float(np.mean(((cams * quadrant).sum(axis=(1, 2)) / total)[total > 0]))

    trained, randomised = mass_on_square(trained_resnet.model), mass_on_square(gc.randomised_copy(trained_resnet, 42))
    assert trained > 0.5 and randomised < 0.4 and trained - randomised > 0.15

    summary = gc.randomisation_check(trained_resnet, images, labels, n_images=16, seed=42, target="true")
    assert summary["n_images"] == 16 and summary["n_undefined"] < 16
    assert -1.0 <= summary["rank_correlation_mean"] < 0.6
    lo, mid, hi = (summary[f"rank_correlation_{k}"] for k in ("min", "median", "max"))
    assert lo <= mid <= hi
    # the same check against itself would be perfectly correlated: the statistic can see similarity
    cams = gc.compute_cams(trained_resnet.model, "resnet50", x[:4], labels[:4].tolist())
    assert np.allclose(gc.rank_correlations(cams, cams)[[i for i in range(4) if np.ptp(cams[i]) > 0]], 1.0)


def test_select_examples_is_seeded_per_class():
    labels = np.array([0, 0, 0, 0, 1, 1, 2, 4, 4, 4, 4, 4])
    rows = gc.select_examples(labels, 7, 2, seed=3)
    assert rows == gc.select_examples(labels, 7, 2, seed=3)
    assert [len(r) for r in rows] == [2, 2, 1, 0, 2, 0, 0]
    assert all(labels[i] == k for k, r in enumerate(rows) for i in r)
    more = np.concatenate([labels, [5, 5, 5]])  # other classes' images do not change class 0's pick
    assert gc.select_examples(more, 7, 2, seed=3)[0] == rows[0]
    assert len({tuple(gc.select_examples(labels, 7, 2, seed=s)[4]) for s in range(10)}) > 1


def test_grid_png_has_expected_size_and_content(tmp_path, resnet):
    labels = np.array([0, 1, 2, 3, 4, 5, 6, 0, 1])
    expl = gc.explain(resnet, _images(9), labels, [f"ISIC_{i}" for i in range(9)], per_class=2, seed=0)
    assert [len(r) for r in expl.rows] == [2, 2, 1, 1, 1, 1, 1]
    assert expl.cams.shape == (9, SIZE, SIZE) and expl.rgb.shape == (9, SIZE, SIZE, 3)
    path = gc.save_grid(expl, CLASSES, tmp_path / "grid.png", title="tiny", dpi=100)
    image = np.asarray(Image.open(path).convert("RGB"))
    width, height = gc.grid_figsize(7, 2)
    assert image.shape[:2] == (round(height * 100), round(width * 100))
    assert image.std() > 10  # not a blank canvas


def _stage_tree(root: Path, loaded: gc.LoadedModel) -> np.ndarray:
    out = layout.images("resnet50", root)
    _save_model_dir(loaded, out.train)
    labels = np.array([0, 1, 2, 3, 4, 5, 6, 4])
    images = _images(len(labels), seed=9)
    prepared = root / "data" / "prepared" / "ham10000"
    prepared.mkdir(parents=True)
    np.save(prepared / "test_images.npy", images)
    np.save(prepared / "test_labels.npy", labels)
    x, _ = gc.prepare_inputs(images, SIZE, loaded.mean, loaded.std)
    with torch.no_grad():
        logits = loaded.model(x).double().numpy()
    frame = pd.DataFrame({"image_id": [f"ISIC_{i:07d}" for i in range(len(labels))],
                          "lesion_id": [f"HAM_{i:07d}" for i in range(len(labels))],
                          "dx": [CLASSES[k] for k in labels], "label": labels})
    for k, name in enumerate(CLASSES):
        frame[f"logit_{name}"] = logits[:, k]
    out.predictions.mkdir()
    frame.to_csv(out.split_predictions("test"), index=False)
    out.temperature_json.parent.mkdir(parents=True)
    out.temperature_json.write_text('{"temperature": 1.5, "n_bins": 15}')
    params = {"architectures": ["resnet50"], "gradcam": {"per_class": 1, "seed": 0, "sanity_images": 6}}
    (root / "params.yaml").write_text(yaml.safe_dump(params))
    return logits


def _run_stage(root: Path, monkeypatch, arch: str = "resnet50") -> None:
    monkeypatch.chdir(root)
    monkeypatch.setattr(sys, "argv", ["stages/gradcam.py", arch])
    runpy.run_path(str(REPO / "stages" / "gradcam.py"), run_name="__main__")


def test_stage_writes_grid_and_metrics_and_rejects_stale_predictions(tmp_path, monkeypatch, resnet, capsys):
    _stage_tree(tmp_path, resnet)
    _run_stage(tmp_path, monkeypatch)
    out = layout.images("resnet50", tmp_path)
    png = out.gradcam_png
    width, height = gc.grid_figsize(7, 1)
    assert Image.open(png).size == (round(width * 150), round(height * 150))
    metrics = json.loads(out.gradcam_json.read_text())
    assert metrics["n_images"] == 6
    assert set(metrics) >= {"rank_correlation_mean", "rank_correlation_median", "n_undefined",
                            "n_constant_trained", "n_constant_random"}

    test_csv = out.split_predictions("test")
    frame = pd.read_csv(test_csv)
    frame["logit_mel"] += 0.5  # predictions from another run than the weights
    frame.to_csv(test_csv, index=False)
    with pytest.raises(SystemExit) as exc:
        _run_stage(tmp_path, monkeypatch)
    assert exc.value.code == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "differ from the saved predictions" in err[0]
