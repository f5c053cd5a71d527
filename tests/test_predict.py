"""`medrepro predict` on tiny models built here: probabilities vs a reference, decisions, CAMs, bad input."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import torch
from PIL import Image
from safetensors.torch import save_file

from medrepro import cli, layout
from medrepro.data.ham10000 import CLASSES, decode_images
from medrepro.device import describe
from medrepro.errors import InputError, ParamsError
from medrepro.explain.gradcam import LoadedModel, randomised_copy
from medrepro.predict import ModelStore, Predictor, pick_device, resolve_cache_size

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "data" / "sample" / "ham10000"
TINY = {
    "resnet50": {"channels": [8, 16, 32, 64], "stem_width": 8},
    "vit_b_16": {"depth": 1, "embed_dim": 32, "num_heads": 2},
}
TEMPERATURE = {"resnet50": 0.7, "vit_b_16": 1.3}
SIZE = 64
MEAN, STD = [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]
OPERATING = {"target": 0.95, "sensitivity": 0.8, "sensitivity_ci_low": 0.55, "sensitivity_ci_high": 0.95,
             "specificity": 0.96, "specificity_ci_low": 0.9, "specificity_ci_high": 0.99}


def sample_images(per_class: int = 1) -> list[Path]:
    """The first `per_class` bundled sample images of every class, in class order."""
    meta = pd.read_csv(SAMPLES / "HAM10000_metadata.csv").sort_values("image_id")
    picked = meta.groupby("dx").head(per_class)
    picked = picked.assign(order=picked["dx"].map(CLASSES.index)).sort_values(["order", "image_id"])
    return [SAMPLES / f"{i}.jpg" for i in picked["image_id"]]


def write_threshold(root: Path, arch: str, threshold: float, positive: str = "mel") -> None:
    data = {f"at_specificity.{k}": v for k, v in {**OPERATING, "threshold": threshold}.items()}
    data.update({"n_test": 54, "n_test_positive": 11, f"auc_{positive}": 0.9, "positive_class": positive})
    path = layout.images(arch, root).threshold_json
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data))


def make_model_tree(root: Path, archs=("resnet50", "vit_b_16"),
                    cache_size_in_model_json: bool = True) -> Path:
    """results/<stage>/<arch> as the DVC stages write them, for tiny random-weight models.

    Each threshold is the median melanoma probability over one sample image per class, so the batch
    has both decisions.
    """
    for seed, arch in enumerate(archs, start=1):
        spec = LoadedModel(model=torch.nn.Identity(), arch=arch, classes=CLASSES, image_size=SIZE, mean=MEAN,
                           std=STD, model_kwargs=TINY[arch])
        model = randomised_copy(spec, seed)  # every layer random: a zero head would make all outputs equal
        files = layout.images(arch, root)
        files.train.mkdir(parents=True, exist_ok=True)
        save_file({k: v.contiguous() for k, v in model.state_dict().items()}, files.weights)
        meta = {"arch": arch, "timm_name": arch, "classes": CLASSES, "image_size": SIZE, "mean": MEAN,
                "std": STD, "model_kwargs": TINY[arch],
                "num_parameters": sum(p.numel() for p in model.parameters())}
        if cache_size_in_model_json:
            meta["cache_size"] = SIZE
        files.model_json.write_text(json.dumps(meta))
        files.temperature_json.parent.mkdir(parents=True, exist_ok=True)
        files.temperature_json.write_text(json.dumps({"temperature": TEMPERATURE[arch], "n_bins": 15}))
        write_threshold(root, arch, 0.5)
        if not cache_size_in_model_json:
            continue
        predictor = Predictor.load(ModelStore.from_repo(root), arch, "cpu")
        images = np.stack([predictor.read(p) for p in sample_images()])
        mel = [r.positive_probability for r in predictor.predict(images, [str(p) for p in sample_images()])]
        write_threshold(root, arch, float(np.median(mel)))
    return root


def reference_probabilities(root: Path, arch: str, paths: list[Path]) -> np.ndarray:
    """Decode with the prepare stage's decoder into a cache array, then a plain torch forward and softmax."""
    from safetensors.torch import load_file

    from medrepro.models.registry import create_model

    cache = np.zeros((len(paths), SIZE, SIZE, 3), np.uint8)
    decode_images(paths, SIZE, cache, workers=1, progress=False)
    model = create_model(arch, len(CLASSES), SIZE, model_kwargs=TINY[arch])
    model.load_state_dict(load_file(layout.images(arch, root).weights))
    x = torch.from_numpy(cache).permute(0, 3, 1, 2).float() / 255.0
    x = (x - torch.tensor(MEAN).view(1, 3, 1, 1)) / torch.tensor(STD).view(1, 3, 1, 1)
    with torch.no_grad():
        logits = model.eval()(x).double()
    return torch.softmax(logits / TEMPERATURE[arch], dim=1).numpy()


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    return make_model_tree(tmp_path_factory.mktemp("predict"))


def run_cli(args: list[str], capsys) -> tuple[int, str, str]:
    try:
        cli.main(args)
        code = 0
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def dirs(root: Path) -> list[str]:
    return ["--repo", str(root)]


@pytest.mark.parametrize("arch", ["resnet50", "vit_b_16"])
def test_json_matches_reference_and_threshold(tree, capsys, arch):
    paths = sample_images()
    code, out, err = run_cli(["predict", *map(str, paths), "--arch", arch, "--json", *dirs(tree)], capsys)
    assert code == 0 and err == ""
    doc = json.loads(out)
    assert doc["arch"] == arch and doc["temperature"] == TEMPERATURE[arch] and doc["errors"] == []
    assert doc["cache_size"] == SIZE and doc["classes"] == CLASSES
    threshold = doc["operating_point"]["threshold"]
    probs = np.array([[r["probabilities"][c] for c in CLASSES] for r in doc["results"]])
    np.testing.assert_allclose(probs.sum(axis=1), 1.0, atol=1e-12)
    np.testing.assert_allclose(probs, reference_probabilities(tree, arch, paths), atol=1e-6)
    for r, row in zip(doc["results"], probs, strict=True):
        assert r["top_class"] == CLASSES[int(row.argmax())]
        assert r["positive_probability"] == r["probabilities"]["mel"]
        assert r["positive"] == (r["positive_probability"] >= threshold)
    # threshold = median over these 7 images: both decisions occur
    assert {r["positive"] for r in doc["results"]} == {True, False}
    assert doc["positive_class"] == doc["operating_point"]["positive_class"] == "mel"
    assert doc["operating_point"]["sensitivity_ci_low"] == OPERATING["sensitivity_ci_low"]


def test_text_output_and_cams(tree, capsys, tmp_path):
    paths = sample_images()[:3]
    code, out, err = run_cli(["predict", *map(str, paths), "--arch", "resnet50",
                              "--cam", str(tmp_path / "cams"), *dirs(tree)], capsys)
    assert code == 0 and err == ""
    first = out.splitlines()[0]  # names the model and the device it ran on, e.g. "cpu (no CUDA or MPS GPU found)"
    assert first.startswith("model resnet50 (") and f" on {describe(pick_device('auto'))}; " in first
    assert "sensitivity 0.800 [CI 0.550-0.950], specificity 0.960 [CI 0.900-0.990]" in out
    predictor = Predictor.load(ModelStore.from_repo(tree), "resnet50", "cpu")
    want = predictor.predict(np.stack([predictor.read(p) for p in paths]), [str(p) for p in paths])
    threshold = f"{predictor.operating.threshold:.4g}"
    for path, r in zip(paths, want, strict=True):
        line = next(ln for ln in out.splitlines() if ln.startswith(f"{path}: top "))
        verdict = (f">= {threshold} -> mel POSITIVE" if r.positive
                   else f"< {threshold} -> mel negative")
        assert line == (f"{path}: top {r.top_class} {r.top_probability:.4f}; "
                        f"p(mel) {r.positive_probability:.4f} {verdict}")
        cam = tmp_path / "cams" / f"{path.stem}_resnet50_gradcam.png"
        assert f"  grad-cam ({r.top_class}): {cam}" in out.splitlines()
        with Image.open(cam) as img:
            assert img.format == "PNG" and img.size[0] >= 256 and img.size[0] == img.size[1]
            pixels = np.asarray(img.convert("RGB"))
        assert pixels.std() > 1  # a heat map blended over an image, not a blank


def test_batch_size_does_not_change_results(tree, capsys):
    paths = [str(p) for p in sample_images()]
    outs = []
    for bs in ("1", "32"):
        code, out, _ = run_cli(["predict", *paths, "--arch", "vit_b_16", "--json", "--batch-size", bs,
                                *dirs(tree)], capsys)
        assert code == 0
        outs.append(np.array([r["logits"] for r in json.loads(out)["results"]]))
    np.testing.assert_allclose(outs[0], outs[1], atol=1e-5)


def test_default_architecture_is_chosen_on_validation_never_test(tmp_path, tree):
    root = tmp_path / "repo"
    shutil.copytree(tree / layout.RESULTS, root / layout.RESULTS)

    def default() -> str:
        return ModelStore.from_repo(root).default()

    assert default() == "resnet50"  # no train.json: the first trained

    def train_json(arch, val_bacc, val_loss=1.0):
        path = layout.images(arch, root).train_json
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"best_epoch": 3, "val_balanced_accuracy": val_bacc, "val_loss": val_loss}))

    train_json("resnet50", 0.6)
    assert default() == "resnet50"  # the only one with a validation score
    train_json("vit_b_16", 0.7)
    train_json("densenet121", 0.9)  # not trained here (no weights): ignored
    assert default() == "vit_b_16"
    # test results that favour the other model change nothing: only validation ranks
    comparison = layout.comparison_json(root)
    comparison.parent.mkdir(parents=True)
    comparison.write_text(json.dumps({
        "resnet50": {"balanced_accuracy": 0.99}, "vit_b_16": {"balanced_accuracy": 0.1}}))
    assert default() == "vit_b_16"
    train_json("resnet50", 0.7, val_loss=0.5)  # a tie on balanced accuracy: lower validation loss wins
    assert default() == "resnet50"
    with pytest.raises(InputError, match="no trained model"):
        ModelStore.from_repo(tmp_path / "nothing").default()


def _bomb_png(path: Path, side: int = 9000) -> Path:
    """A tiny PNG whose header claims side×side pixels (81 M > the 50 M limit)."""
    buf = __import__("io").BytesIO()
    Image.new("RGB", (8, 8)).save(buf, format="PNG")
    data = bytearray(buf.getvalue())
    ihdr = struct.pack(">II", side, side) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    path.write_bytes(bytes(data))
    return path


def _bad_inputs(tmp: Path) -> dict[str, tuple[Path, str, list[str]]]:
    good = sample_images()[0]  # ~4 kB
    (tmp / "notes.jpg").write_text("not an image at all\n")
    (tmp / "empty.png").write_bytes(b"")
    (tmp / "truncated.jpg").write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    (tmp / "folder.jpg").mkdir()
    noise = np.random.default_rng(0).integers(0, 256, size=(400, 400, 3), dtype=np.uint8)
    Image.fromarray(noise).save(tmp / "large.png")  # ~480 kB: a valid image, only too big for the limit below
    return {
        "missing": (tmp / "missing.jpg", "file not found", []),
        "non_image": (tmp / "notes.jpg", "not a readable image", []),
        "empty": (tmp / "empty.png", "empty file", []),
        "truncated": (tmp / "truncated.jpg", "truncated", []),
        "bomb": (_bomb_png(tmp / "bomb.png"), "decompression bomb", []),
        "directory": (tmp / "folder.jpg", "not a regular file", []),
        "too_large": (tmp / "large.png", "over the 0.1 MB limit", ["--max-file-mb", "0.1"]),
    }


@pytest.mark.parametrize("case", ["missing", "non_image", "empty", "truncated", "bomb", "directory",
                                  "too_large"])
def test_bad_input_one_line_and_batch_goes_on(tree, capsys, tmp_path, case):
    bad, reason, extra = _bad_inputs(tmp_path)[case]
    good = sample_images()[1]
    code, out, err = run_cli(["predict", str(good), str(bad), "--arch", "resnet50", "--json", *extra,
                              *dirs(tree)], capsys)
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {bad}: ") and reason in lines[0], err
    doc = json.loads(out)
    assert [r["image"] for r in doc["results"]] == [str(good)]
    assert doc["errors"] == [{"image": str(bad), "error": lines[0][len("error: "):]}]


def test_subprocess_exit_code_and_stderr(tree, tmp_path):
    bad = tmp_path / "broken.jpg"
    bad.write_bytes(b"\xff\xd8\xff\xe0 definitely not a whole jpeg")
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    proc = subprocess.run([sys.executable, "-m", "medrepro.cli", "predict", str(sample_images()[0]), str(bad),
                           *dirs(tree)], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith(f"error: {bad}: "), proc.stderr
    assert f"{sample_images()[0]}: top " in proc.stdout  # default arch (no train.json): resnet50
    assert proc.stdout.startswith("model resnet50 ")


@pytest.mark.parametrize("arch, remove, message, trained", [
    ("resnet18", None, "not trained here", "['resnet50', 'vit_b_16']"),
    ("vit_b_16", "threshold_json", "is not trained", "['resnet50']")])
def test_unknown_or_untrained_arch(tree, capsys, tmp_path, arch, remove, message, trained):
    root = tree
    if remove:  # a half-trained architecture: its folder is there, one file it needs is not
        root = tmp_path / "repo"
        shutil.copytree(tree / layout.RESULTS, root / layout.RESULTS)
        getattr(layout.images(arch, root), remove).unlink()
    code, out, err = run_cli(["predict", str(sample_images()[0]), "--arch", arch, *dirs(root)], capsys)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and message in err and f"trained: {trained}" in err
    if remove:
        assert str(getattr(layout.images(arch, root), remove)) in err


def test_recorded_positive_class_drives_predict_text_json_and_card(tree, capsys, tmp_path):
    """threshold.positive_class: bcc: every output flags bcc with the bcc threshold, nothing says mel."""
    root = tmp_path / "repo"
    shutil.copytree(tree / layout.RESULTS, root / layout.RESULTS)
    paths = sample_images()
    predictor = Predictor.load(ModelStore.from_repo(root), "resnet50", "cpu")
    bcc = [r.probabilities["bcc"] for r in predictor.predict(np.stack([predictor.read(p) for p in paths]),
                                                             [str(p) for p in paths])]
    threshold = float(np.median(bcc))
    write_threshold(root, "resnet50", threshold, positive="bcc")
    code, out, err = run_cli(["predict", *map(str, paths), "--arch", "resnet50", "--json", *dirs(root)], capsys)
    assert code == 0 and err == ""
    doc = json.loads(out)
    assert doc["positive_class"] == doc["operating_point"]["positive_class"] == "bcc"
    for r in doc["results"]:
        assert r["positive_probability"] == r["probabilities"]["bcc"] != r["probabilities"]["mel"]
        assert r["positive"] == (r["probabilities"]["bcc"] >= threshold)
    assert {r["positive"] for r in doc["results"]} == {True, False}
    code, out, err = run_cli(["predict", *map(str, paths), "--arch", "resnet50", *dirs(root)], capsys)
    assert code == 0 and "p(bcc) >= " in out and "bcc operating point" in out and "11 bcc" in out
    assert "mel POSITIVE" not in out and "p(mel)" not in out and "melanoma" not in out
    assert sum(line.endswith("-> bcc POSITIVE") for line in out.splitlines()) == sum(
        r["positive"] for r in doc["results"])
    if importlib.util.find_spec("gradio") is not None:  # the app's card, from the same Predictor
        from medrepro.app import model_card

        store = ModelStore.from_repo(root)
        card = model_card(Predictor.load(store, "resnet50", "cpu"), store)
        assert "ROC AUC, bcc vs rest | 0.900" in card and "bcc sensitivity at the operating threshold" in card
        assert "p(bcc) ≥" in card and "**bcc decision.**" in card
        assert not any(f"{w}" in card for w in ("p(mel)", "mel vs rest", "mel sensitivity", "Melanoma"))


@pytest.mark.parametrize("edit, message", [
    (lambda d: d.pop("positive_class"), "no positive_class recorded"),
    (lambda d: d.update(positive_class="melanoma"), "operating point is for 'melanoma', which is not a class of "
                                                     "the model in"),
])
def test_threshold_without_or_with_a_foreign_positive_class_is_refused(tree, capsys, tmp_path, edit, message):
    root = tmp_path / "repo"
    shutil.copytree(tree / layout.RESULTS, root / layout.RESULTS)
    path = layout.images("resnet50", root).threshold_json
    data = json.loads(path.read_text())
    edit(data)
    path.write_text(json.dumps(data))
    code, out, err = run_cli(["predict", str(sample_images()[0]), "--arch", "resnet50", *dirs(root)], capsys)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("error: ") and message in err and str(path) in err
    assert "rerun the threshold stage" in err


def test_cache_size_from_repository_when_model_json_lacks_it(tmp_path):
    root = make_model_tree(tmp_path, archs=("resnet50",), cache_size_in_model_json=False)
    meta = json.loads(layout.images("resnet50", root).model_json.read_text())

    def resolve() -> tuple[int, str]:
        store = ModelStore.from_repo(root)
        return resolve_cache_size(meta, store.cache_json, store.params_yaml)

    with pytest.raises(InputError, match="cache size is unknown"):
        resolve()
    (root / "params.yaml").write_text("prepare:\n  cache_size: 96\n")
    assert resolve() == (96, f"{root / 'params.yaml'} (prepare.cache_size)")
    cache = root / layout.PREPARED_IMAGES
    cache.mkdir(parents=True)
    (cache / "cache.json").write_text(json.dumps({"cache_size": 80}))  # what the train stage really read
    assert resolve() == (80, str(cache / "cache.json"))
    predictor = Predictor.load(ModelStore.from_repo(root), "resnet50", "cpu")
    assert predictor.cache_size == 80 and predictor.read(sample_images()[0]).shape == (80, 80, 3)


@pytest.mark.skipif(torch.cuda.is_available(), reason="checks the message on a machine without CUDA")
def test_cuda_requested_without_gpu():
    assert pick_device("auto").type == "cpu"
    with pytest.raises(ParamsError, match="CUDA is not available"):
        pick_device("cuda")


@pytest.mark.slow
def test_real_dvc_outputs_reproduce_saved_test_logits(sample_run):
    """The sample run's models, fed the sample JPEGs, give the logits that its train stage saved."""
    store = ModelStore.from_repo(sample_run)
    archs = store.trained()
    assert set(archs) == {"resnet50", "efficientnet_b3", "densenet121", "vit_b_16"}
    for arch in archs:
        frame = pd.read_csv(layout.images(arch, sample_run).split_predictions("test")).head(12)
        paths = [SAMPLES / f"{i}.jpg" for i in frame["image_id"]]
        predictor = Predictor.load(store, arch, "cpu")
        assert predictor.cache_size_source == "model.json", "model.json must say how the training cache was decoded"
        logits = predictor.logits(np.stack([predictor.read(p) for p in paths]))
        expected = frame[[f"logit_{c}" for c in predictor.classes]].to_numpy()
        np.testing.assert_allclose(logits, expected, atol=1e-4, rtol=1e-4, err_msg=arch)
