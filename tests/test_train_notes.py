"""Notes training on the shared loop: masked-LM pretraining, tiny LoRA and full runs from its encoder, saved
safetensors that reload exactly (LoRA: adapter only, base named by hash), resume, the pretrain_notes /
train_notes / compare_notes stages, and a slow run on real MTSamples notes."""

import importlib.util
import json
import random
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import torch
import yaml
from conftest import REFERENCE_DATA, reference_file
from safetensors import safe_open

from medrepro import layout
from medrepro.data.notes_dataset import SPLITS, MaskingCollator, PadCollator
from medrepro.errors import InputError, MedreproError, ParamsError
from medrepro.models.text import load_text_classifier
from medrepro.train import checkpoint as ckpt
from medrepro.train import notes
from medrepro.train.notes_pretrain import PretrainConfig, pretrain_encoder

pytestmark = pytest.mark.usefixtures("one_torch_thread")

REPO = Path(__file__).resolve().parents[1]
MTSAMPLES = REFERENCE_DATA / "mtsamples.csv"
CLASS_WORDS = {  # no q, z or j anywhere in training text
    "Cardiovascular / Pulmonary": ["heart", "murmur", "atrial", "valve", "stent", "lungs"],
    "Orthopedic": ["knee", "fracture", "tendon", "cast", "femur", "spine"],
    "Radiology": ["scan", "contrast", "image", "lesion", "views", "film"],
}
COMMON = ["patient", "reports", "history", "the", "and", "with", "was", "noted", "exam", "plan"]
HELD_OUT = ["quokka", "zebu"]  # only in val/test notes
PRE_TINY = dict(vocab_size=150, min_frequency=1, hidden_size=32, num_layers=1, num_heads=2, intermediate_size=64,
                max_length=32, batch_size=8, epochs=6, lr=5e-3, cls_word_prediction=True, log_with=[])
TINY = dict(
    max_length=32,
    batch_size=8,
    epochs=8,
    lr=5e-3,
    warmup_epochs=1.0,
    log_with=[],
    lora={"r": 4, "alpha": 8, "dropout": 0.0, "target_modules": ["query", "value"]},
)


def make_notes(root: Path, sizes=(90, 30, 30), seed=0) -> Path:
    """Prepared-notes CSVs whose labels are decided by a few keywords among common filler words."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    labels = sorted(CLASS_WORDS)
    for split, n in zip(SPLITS, sizes, strict=True):
        rows = []
        for i in range(n):
            label = labels[i % len(labels)]
            words = rng.choices(COMMON, k=8) + rng.choices(CLASS_WORDS[label], k=4)
            rng.shuffle(words)
            if split != "train":
                words += HELD_OUT
            rows.append(
                {"note_id": f"{split}-{i}", "text": " ".join(words).capitalize() + ".", "label": label}
            )
        pd.DataFrame(rows).to_csv(root / f"{split}.csv", index=False)
    return root


def tiny_cfg(**changes) -> notes.NotesTrainConfig:
    return notes.NotesTrainConfig(**{**TINY, **changes})


@pytest.fixture(scope="module")
def tiny_encoder(tmp_path_factory) -> Path:
    """A tiny encoder pretrained (masked LM) on the keyword notes; fine-tuning tests start from it."""
    torch.set_num_threads(1)
    root = tmp_path_factory.mktemp("encoder")
    prepared = make_notes(root / "prepared")
    out = pretrain_encoder(PretrainConfig(**PRE_TINY), "", prepared, root / "pretrain", root / "ckpt")
    assert out.metrics["val_masked_tokens"] > 0 and 0 <= out.metrics["val_masked_accuracy"] <= 1
    assert out.metrics["val_masked_perplexity"] < 150, "pretraining must learn the notes' words"
    assert not {"train_time_s", "peak_memory_mb"} & set(out.metrics) and out.timing["train_time_s"] > 0
    # a finished pretraining is never reused: the re-run trains from scratch to the same encoder
    again = pretrain_encoder(PretrainConfig(**PRE_TINY), "", prepared, None, root / "ckpt")
    assert again.result.resumed_from_epoch == 0 and again.metrics == out.metrics
    return root / "pretrain"


def _logits(model, tokenizer, texts):
    batch = tokenizer(texts, padding=True, return_tensors="pt")
    model.eval()
    with torch.no_grad():
        return model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).logits


def test_pad_collator_pads_each_batch_to_its_longest_note():
    collate = PadCollator(pad_token_id=0)
    batch = collate([(np.array([2, 7, 3]), 1), (np.array([2, 9, 9, 9, 3]), 0)])
    assert batch["input_ids"].tolist() == [[2, 7, 3, 0, 0], [2, 9, 9, 9, 3]]
    assert batch["attention_mask"].tolist() == [[1, 1, 1, 0, 0], [1, 1, 1, 1, 1]]
    assert batch["labels"].tolist() == [1, 0] and batch["labels"].dtype == torch.long


def test_masking_collator_masks_ordinary_tokens_only_and_keeps_their_ids():
    items = [(np.array([2, 7, 8, 9, 10, 11, 3]), 0), (np.array([2, 12, 3]), 0)]
    collate = MaskingCollator(pad_token_id=0, mask_token_id=4, vocab_size=20, special_ids=[0, 1, 2, 3, 4],
                              probability=0.5, seed=7)
    batch = collate(items)
    original = PadCollator(0)(items)["input_ids"]
    masked = batch["masked"]
    assert masked.any(dim=1).all(), "every note with an ordinary token gets at least one mask"
    assert not masked[torch.isin(original, torch.tensor([0, 2, 3]))].any(), "never [CLS], [SEP] or padding"
    assert batch["labels"].tolist() == original[masked].tolist()
    assert torch.equal(batch["input_ids"][~masked], original[~masked])
    assert (batch["input_ids"][masked] == 4).float().mean() >= 0.5  # most chosen tokens become [MASK]
    again = collate(items)
    assert torch.equal(again["masked"], masked) and torch.equal(again["input_ids"], batch["input_ids"])
    torch.manual_seed(0)
    unseeded = MaskingCollator(0, 4, 20, [0, 1, 2, 3, 4], probability=0.5)
    draws = {tuple(unseeded(items)["masked"].flatten().tolist()) for _ in range(10)}
    assert len(draws) > 1, "training batches are masked afresh every time"

    with_cls = MaskingCollator(0, 4, 20, [0, 1, 2, 3, 4], probability=0.5, seed=7, cls_token_id=2)(items)
    assert with_cls["masked"][:, 0].all() and (with_cls["input_ids"][:, 0] == 2).all(), "[CLS] stays [CLS]"
    rows_before = with_cls["masked"].cumsum(dim=1)  # labels are row-major: [CLS]'s label leads each note's
    starts = torch.cat([torch.zeros(1, dtype=torch.long), rows_before[:, -1].cumsum(0)[:-1]])
    for row, (ids, _) in enumerate(items):
        assert int(with_cls["labels"][starts[row]]) in set(ids[1:-1].tolist()), "a word of its own note"


def test_note_metrics_by_hand():
    classes = ["A b", "C/D", "e"]
    labels = np.array([0, 0, 1, 1, 2, 2])
    logits = np.eye(3)[[0, 1, 1, 1, 0, 2]]
    m = notes.note_metrics(logits, labels, classes)
    # A: tp1 fp1 fn1 -> 0.5; C/D: tp2 fp1 -> 0.8; e: tp1 fn1 -> 2/3
    assert m["f1_a_b"] == pytest.approx(0.5) and m["f1_c_d"] == pytest.approx(0.8)
    assert m["f1_e"] == pytest.approx(2 / 3)
    assert m["macro_f1"] == pytest.approx((0.5 + 0.8 + 2 / 3) / 3)
    assert m["accuracy"] == pytest.approx(4 / 6)
    # always predicting class 1 (the training majority): F1 = 2*2/(2*2+4) for class 1, 0 for the others
    assert notes.majority_macro_f1(np.array([1, 1, 0]), labels, 3) == pytest.approx((0.5) / 3)


def test_label_slugs_are_metric_names_and_must_not_clash():
    assert notes.label_slug("Consult - History and Phy.") == "consult_history_and_phy"
    assert notes.label_slug("Cardiovascular / Pulmonary") == "cardiovascular_pulmonary"
    with pytest.raises(InputError, match="clashing"):
        notes.class_slugs(["Ob/Gyn", "OB GYN"])


def test_fingerprint_counts_lora_settings_only_for_lora():
    a, b = tiny_cfg(), tiny_cfg(lora={**TINY["lora"], "r": 8})
    assert a.fingerprint("full", "d", "v", "base") != a.fingerprint("full", "d", "v", "other base")
    assert a.fingerprint("full", "d", "v") == b.fingerprint("full", "d", "v")
    assert a.fingerprint("lora", "d", "v") != b.fingerprint("lora", "d", "v")
    assert (
        a.fingerprint("full", "d", "v")
        != a.fingerprint("full", "d2", "v")
        != a.fingerprint("full", "d", "v2")
    )
    assert a.fingerprint("full", "d", "v") == tiny_cfg(log_with=["dvclive"]).fingerprint("full", "d", "v")


def record_checkpoints(monkeypatch) -> list[dict]:
    """The model state of every epoch checkpoint the loop writes (a finished run deletes the files themselves)."""
    saved: list[dict] = []
    original = ckpt.save_checkpoint

    def recording(*args, **kw):
        saved.append(dict(kw["model_state"]))
        return original(*args, **kw)

    monkeypatch.setattr(ckpt, "save_checkpoint", recording)
    return saved


@pytest.mark.parametrize("method", ["lora", "full"])
def test_tiny_run_saves_safetensors_that_reload_to_identical_logits(tmp_path, tiny_encoder, method, monkeypatch):
    prepared = make_notes(tmp_path / "prepared")
    out_dir = tmp_path / "models" / method
    lr = 3e-2 if method == "lora" else 5e-3
    saved_states = record_checkpoints(monkeypatch)
    out = notes.train_notes_model(tiny_cfg(lr=lr), prepared, tiny_encoder, out_dir, tmp_path / "ckpt", method)

    m, t = out.metrics, out.timing
    slugs = ["cardiovascular_pulmonary", "orthopedic", "radiology"]
    for key in ["accuracy", "macro_f1", "trainable_parameters", "total_parameters", "trainable_share", "weights_mb",
                *[f"f1_{s}" for s in slugs]]:
        assert key in m and m[key] is not None, key
    assert not {"train_time_s", "notes_per_s", "peak_memory_mb"} & set(m), "cost readings belong in timing"
    assert m["macro_f1"] == pytest.approx(np.mean([m[f"f1_{s}"] for s in slugs]))
    assert t["train_time_s"] > 0 and t["notes_per_s"] == pytest.approx(90 * 8 / t["train_time_s"])
    assert t["peak_memory_mb"] > 50 and t["peak_memory_source"] == "process_peak_rss"
    assert len(out.result.history) == 8

    files = {p.relative_to(out_dir).as_posix() for p in out_dir.rglob("*") if p.is_file()}
    assert not [f for f in files if f.endswith((".bin", ".pt", ".pth", ".pkl", ".ckpt"))], files
    assert {"tokenizer.json", "meta.json"} <= files
    meta = json.loads((out_dir / "meta.json").read_text())
    assert meta["classes"] == sorted(CLASS_WORDS) and meta["method"] == method
    assert meta["base"]["sha256"] == json.loads((tiny_encoder / "meta.json").read_text())["sha256"]
    vocab = json.loads((out_dir / "tokenizer.json").read_text())["model"]["vocab"]
    assert not any(c in token for token in vocab for c in "qzj"), "held-out text leaked into the vocabulary"

    texts = ["The knee fracture was noted", "Heart murmur and atrial valve, quokka", "Film views"]
    expected = _logits(out.model, out.tokenizer, texts)
    model, tokenizer, _ = load_text_classifier(out_dir)
    assert torch.equal(_logits(model, tokenizer, texts), expected)

    trainable = {n for n, p in out.model.named_parameters() if p.requires_grad}
    assert saved_states, "every epoch writes a checkpoint"
    checkpoint_keys = set(saved_states[-1])
    if method == "lora":
        assert not any(f.startswith("base/") for f in files), "the frozen base is referenced, not copied"
        adapter_config = json.loads((out_dir / "adapter_config.json").read_text())
        assert adapter_config["target_modules"] == ["query", "value"], "sorted, so identical re-runs match"
        with safe_open(out_dir / "adapter_model.safetensors", "pt") as f:
            keys = list(f.keys())
        assert keys and all("lora_" in k or "classifier" in k or "pooler" in k for k in keys), keys
        assert m["trainable_share"] < 0.5 and m["trainable_parameters"] < m["total_parameters"]
        # checkpoints hold the trainable tensors only, the frozen encoder is named by the fingerprint
        assert checkpoint_keys == trainable, checkpoint_keys ^ trainable
        encoder_bytes = (tiny_encoder / "model.safetensors").stat().st_size
        assert sum(v.numel() * v.element_size() for v in saved_states[-1].values()) * 2 < encoder_bytes
        assert m["weights_mb"] * 2**20 * 2 < encoder_bytes
        # a changed base is refused with one line instead of silently giving other predictions
        moved = tmp_path / "other_encoder"
        moved.mkdir()
        for f in tiny_encoder.iterdir():
            (moved / f.name).write_bytes(f.read_bytes())
        with safe_open(moved / "model.safetensors", "pt") as f:
            tensors = {k: f.get_tensor(k) for k in f.keys()}
        next(iter(tensors.values())).add_(1.0)
        from safetensors.torch import save_file

        save_file(tensors, moved / "model.safetensors", metadata={"format": "pt"})
        meta["base"]["path"] = "../../other_encoder"
        (out_dir / "meta.json").write_text(json.dumps(meta))
        with pytest.raises(InputError, match="re-run train_notes@lora"):
            load_text_classifier(out_dir)
    else:
        assert "model.safetensors" in files and "adapter_model.safetensors" not in files
        assert m["trainable_share"] == 1.0 and checkpoint_keys >= trainable
        # keywords decide the label, so full fine-tuning must beat always answering the majority class
        assert m["macro_f1"] > m["majority_macro_f1"] + 0.2


def test_rerun_of_a_finished_run_retrains_to_the_same_result(tmp_path, tiny_encoder):
    prepared = make_notes(tmp_path / "prepared", sizes=(45, 15, 15))
    cfg = tiny_cfg(epochs=2)
    first = notes.train_notes_model(cfg, prepared, tiny_encoder, None, tmp_path / "ckpt", "full")
    again = notes.train_notes_model(cfg, prepared, tiny_encoder, None, tmp_path / "ckpt", "full")
    assert first.result.resumed_from_epoch == 0 and again.result.resumed_from_epoch == 0
    assert len(again.result.history) == 2 and again.result.train_samples == first.result.train_samples
    assert again.metrics["macro_f1"] == first.metrics["macro_f1"]
    np.testing.assert_array_equal(again.predictions["test"][0], first.predictions["test"][0])
    changed = notes.train_notes_model(tiny_cfg(epochs=2, lr=2e-3), prepared, tiny_encoder, None, tmp_path / "ckpt",
                                      "full")
    assert changed.result.resumed_from_epoch == 0


def test_lora_resumes_from_a_trainable_only_checkpoint(tmp_path, tiny_encoder, monkeypatch):
    prepared = make_notes(tmp_path / "prepared", sizes=(45, 15, 15))
    cfg = tiny_cfg(epochs=2, lr=3e-2)
    first = notes.train_notes_model(cfg, prepared, tiny_encoder, None, tmp_path / "ref", "lora")
    original = ckpt.save_checkpoint

    def crash_after_first(*args, **kw):
        original(*args, **kw)
        raise KeyboardInterrupt("simulated kill after epoch 1")

    monkeypatch.setattr(ckpt, "save_checkpoint", crash_after_first)
    with pytest.raises(KeyboardInterrupt):
        notes.train_notes_model(cfg, prepared, tiny_encoder, None, tmp_path / "ckpt", "lora")
    monkeypatch.setattr(ckpt, "save_checkpoint", original)
    again = notes.train_notes_model(cfg, prepared, tiny_encoder, None, tmp_path / "ckpt", "lora")
    assert again.result.resumed_from_epoch == 1
    np.testing.assert_array_equal(again.predictions["test"][0], first.predictions["test"][0])


def test_bad_inputs_raise_one_line_errors(tmp_path):
    with pytest.raises(InputError, match=r"train\.csv.*prepare_notes"):
        notes.train_notes_model(tiny_cfg(), tmp_path / "missing", tmp_path, None, tmp_path / "ckpt", "full")
    prepared = make_notes(tmp_path / "prepared", sizes=(30, 9, 9))
    test = pd.read_csv(prepared / "test.csv")
    test.loc[0, "label"] = "Dermatology"
    test.to_csv(prepared / "test.csv", index=False)
    with pytest.raises(InputError, match=r"test\.csv.*Dermatology"):
        notes.train_notes_model(tiny_cfg(), prepared, tmp_path, None, tmp_path / "ckpt", "full")
    test.loc[0, "label"] = "Radiology"
    test.to_csv(prepared / "test.csv", index=False)
    with pytest.raises(InputError, match=r"model\.safetensors.*pretrain_notes"):
        notes.train_notes_model(tiny_cfg(), prepared, tmp_path / "no-encoder", None, tmp_path / "ckpt", "full")
    with pytest.raises(ParamsError, match="method"):
        notes.train_notes_model(tiny_cfg(), prepared, tmp_path, None, tmp_path / "ckpt", "adapters")
    with pytest.raises(ParamsError, match="mask_probability"):
        PretrainConfig(mask_probability=1.0).validate()
    with pytest.raises(ParamsError, match="num_heads"):
        PretrainConfig(hidden_size=30, num_heads=4).validate()
    with pytest.raises(ParamsError, match="unknown key"):
        tiny_cfg(lora={"rank": 4}).validate()


def _stage(name: str):
    spec = importlib.util.spec_from_file_location(f"stage_{name}", REPO / "stages" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


STAGE_PARAMS = {
    "notes_methods": ["lora", "full"],
    "pretrain_notes": {**PRE_TINY, "epochs": 2, "log_with": ["dvclive"]},
    "notes_train": {"model_name": "", **TINY, "epochs": 3, "log_with": ["dvclive"]},
    "notes_train_method": {"lora": {"lr": 3e-2, "lora": {"r": 2}}, "full": {}},
}


def test_train_and_compare_stages_write_their_declared_outputs(tmp_path, monkeypatch):
    make_notes(tmp_path / "data" / "prepared" / "notes", sizes=(45, 15, 15))
    (tmp_path / "params.yaml").write_text(yaml.safe_dump(STAGE_PARAMS))
    monkeypatch.chdir(tmp_path)
    pretrain, train, compare = _stage("pretrain_notes"), _stage("train_notes"), _stage("compare_notes")
    pretrain.main()
    pre = layout.stage_dir("pretrain_notes", root=tmp_path)
    assert (pre / "encoder" / "model.safetensors").is_file()
    assert "val_masked_accuracy" in json.loads((pre / "pretrain.json").read_text())
    assert "train_time_s" in json.loads((pre / "timing.json").read_text())
    assert any((pre / "dvclive").rglob("val_loss*"))
    cfg = train.load_config(STAGE_PARAMS, "lora")
    assert (
        cfg.lr == 3e-2 and cfg.lora_params().r == 2 and cfg.lora_params().alpha == 8
    )  # merged, not replaced
    for method in ("lora", "full"):
        monkeypatch.setattr(sys, "argv", ["train_notes.py", method])
        train.main()
        out = layout.stage_dir("train_notes", method, tmp_path)
        metrics = json.loads((out / "train.json").read_text())
        timing = json.loads((out / "timing.json").read_text())
        assert {"accuracy", "macro_f1", "majority_macro_f1", "trainable_share", "weights_mb"} <= set(metrics)
        assert {"train_time_s", "peak_memory_mb", "notes_per_s"} <= set(timing)
        assert not {"train_time_s", "peak_memory_mb", "notes_per_s"} & set(metrics)
        assert (out / "model" / "meta.json").is_file()
        assert (tmp_path / layout.checkpoint_dir("train_notes", method) / "finished.json").is_file()
        assert any((out / "dvclive").rglob("val_balanced_accuracy*"))

    monkeypatch.setattr(sys, "argv", ["compare_notes.py"])
    compare.main()
    compared = layout.stage_dir("compare_notes", root=tmp_path)
    comparison = json.loads((compared / "notes_comparison.json").read_text())
    assert set(comparison) == {"lora", "full"}
    assert not {"train_time_s", "peak_memory_mb", "notes_per_s"} & set(comparison["lora"])
    assert set(json.loads((compared / "notes_timing.json").read_text())["full"]) >= {"train_time_s"}
    assert comparison["lora"]["weights_mb"] < comparison["full"]["weights_mb"]
    assert comparison["lora"]["trainable_parameters"] < comparison["full"]["trainable_parameters"]
    tex = (tmp_path / "thesis" / "tables" / "notes_comparison.tex").read_text()
    assert r"\toprule" in tex and r"\midrule" in tex and r"\bottomrule" in tex
    assert "LoRA &" in tex and "Full fine-tuning &" in tex and "Majority class &" in tex
    assert "Train time" in (tmp_path / "thesis" / "tables" / "notes_timing.tex").read_text()
    assert (tmp_path / "thesis" / "figures" / "notes_lora_vs_full.pdf").read_bytes().startswith(b"%PDF")
    for name in ("notes_lora_vs_full", "notes_timing"):
        assert (tmp_path / "thesis" / "figures" / f"{name}.png").read_bytes().startswith(b"\x89PNG")
    plot = pd.read_csv(compared / "comparison.csv")
    assert plot["method"].tolist() == ["lora", "full"]


def test_stage_errors_are_one_line(tmp_path, monkeypatch, capsys):
    from medrepro.config import run_stage

    (tmp_path / "params.yaml").write_text(yaml.safe_dump(STAGE_PARAMS))
    monkeypatch.chdir(tmp_path)
    train, compare = _stage("train_notes"), _stage("compare_notes")
    for module, argv, fragment in [
        (train, ["train_notes.py", "prefix"], "unknown fine-tuning method"),
        (train, ["train_notes.py", "full"], "prepare_notes"),
        (compare, ["compare_notes.py"], "train_notes@lora"),
    ]:
        monkeypatch.setattr(sys, "argv", argv)
        with pytest.raises(SystemExit) as exc:
            run_stage(module.main)
        assert exc.value.code == 1
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and err[0].startswith("error: ") and fragment in err[0], err
    with pytest.raises(MedreproError, match="unknown key"):
        train.load_config({**STAGE_PARAMS, "notes_train": {**TINY, "layers": 3}}, "full")
    with pytest.raises(MedreproError, match="unknown key"):
        _stage("pretrain_notes").load_config({**STAGE_PARAMS, "pretrain_notes": {**PRE_TINY, "layers": 3}})


@pytest.mark.slow
def test_real_notes_beat_the_majority_baseline(tmp_path):
    """A few hundred de-identified MTSamples notes of the five largest specialties, small BERT."""
    reference_file("mtsamples.csv")
    deid = pytest.importorskip("medrepro.privacy.deid", reason="de-identification module not available")
    if not hasattr(deid, "deidentify"):
        pytest.skip("medrepro.privacy.deid has no deidentify(); notes must not be used without it")
    from sklearn.model_selection import train_test_split

    start = time.perf_counter()
    raw = pd.read_csv(MTSAMPLES, dtype=str, keep_default_na=False)
    raw["label"] = raw["medical_specialty"].str.strip()
    raw = raw[raw["transcription"].str.strip() != ""]
    top5 = raw["label"].value_counts().index[:5]
    sample = raw[raw["label"].isin(top5)].groupby("label").sample(n=80, random_state=0)
    sample = pd.DataFrame(
        {
            "note_id": sample["note_id"],
            "label": sample["label"],
            "text": [deid.deidentify(t).text for t in sample["transcription"]],
        }
    )
    train, rest = train_test_split(sample, test_size=0.4, stratify=sample["label"], random_state=0)
    val, test = train_test_split(rest, test_size=0.5, stratify=rest["label"], random_state=0)
    prepared = tmp_path / "prepared"
    prepared.mkdir()
    for name, frame in (("train", train), ("val", val), ("test", test)):
        frame[["note_id", "text", "label"]].to_csv(prepared / f"{name}.csv", index=False)

    pre = PretrainConfig(vocab_size=1500, max_length=128, epochs=10, lr=3e-3, log_with=[])
    pretrain_encoder(pre, "", prepared, tmp_path / "pretrain", tmp_path / "ckpt_pre")
    cfg = notes.NotesTrainConfig(max_length=128, batch_size=16, epochs=8, lr=3e-3, warmup_epochs=1.0, log_with=[])
    out = notes.train_notes_model(cfg, prepared, tmp_path / "pretrain", tmp_path / "model", tmp_path / "ckpt", "full")
    elapsed = time.perf_counter() - start
    m = out.metrics
    print(
        f"real notes: macro_f1 {m['macro_f1']:.3f} vs majority {m['majority_macro_f1']:.3f}, "
        f"accuracy {m['accuracy']:.3f}, train {out.timing['train_time_s']:.1f} s, total {elapsed:.1f} s"
    )
    assert m["macro_f1"] > m["majority_macro_f1"] + 0.1
    vocab = set(out.tokenizer.get_vocab())
    assert "name" in vocab or "date" in vocab  # the placeholders of de-identified text are learnt as words


@pytest.mark.parametrize("cfg, where", [(PretrainConfig(mixed_precision="fp8"), "pretrain_notes"),
                                        (notes.NotesTrainConfig(mixed_precision="fp8"), "notes_train")])
def test_both_note_configs_refuse_an_unknown_precision(cfg, where):
    with pytest.raises(ParamsError, match=rf"{where}\.mixed_precision='fp8'; choose from \['no', 'fp16', 'bf16'\]"):
        cfg.validate()
