"""Notes training on the shared loop: tiny LoRA and full runs, saved safetensors that reload exactly,
resume, the train_notes/compare_notes stages, and a slow run on real MTSamples notes."""

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

from medrepro.errors import InputError, MedreproError, ParamsError
from medrepro.models.text import load_text_classifier
from medrepro.train import notes

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
TINY = dict(
    vocab_size=150,
    min_frequency=1,
    hidden_size=32,
    num_layers=1,
    num_heads=2,
    intermediate_size=64,
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
    for split, n in zip(notes.SPLITS, sizes, strict=True):
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


def _logits(model, tokenizer, texts):
    batch = tokenizer(texts, padding=True, return_tensors="pt")
    model.eval()
    with torch.no_grad():
        return model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).logits


def test_pad_collator_pads_each_batch_to_its_longest_note():
    collate = notes.PadCollator(pad_token_id=0)
    batch = collate([(np.array([2, 7, 3]), 1), (np.array([2, 9, 9, 9, 3]), 0)])
    assert batch["input_ids"].tolist() == [[2, 7, 3, 0, 0], [2, 9, 9, 9, 3]]
    assert batch["attention_mask"].tolist() == [[1, 1, 1, 0, 0], [1, 1, 1, 1, 1]]
    assert batch["labels"].tolist() == [1, 0] and batch["labels"].dtype == torch.long


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
    assert a.fingerprint("full", "d", "v") == b.fingerprint("full", "d", "v")
    assert a.fingerprint("lora", "d", "v") != b.fingerprint("lora", "d", "v")
    assert (
        a.fingerprint("full", "d", "v")
        != a.fingerprint("full", "d2", "v")
        != a.fingerprint("full", "d", "v2")
    )
    assert a.fingerprint("full", "d", "v") == tiny_cfg(log_with=["dvclive"]).fingerprint("full", "d", "v")


@pytest.mark.parametrize("method", ["lora", "full"])
def test_tiny_run_saves_safetensors_that_reload_to_identical_logits(tmp_path, method):
    prepared = make_notes(tmp_path / "prepared")
    out_dir = tmp_path / "models" / method
    lr = 3e-2 if method == "lora" else 5e-3
    out = notes.train_notes_model(tiny_cfg(lr=lr), prepared, out_dir, tmp_path / "ckpt", method)

    m = out.metrics
    slugs = ["cardiovascular_pulmonary", "orthopedic", "radiology"]
    for key in [
        "accuracy",
        "macro_f1",
        "trainable_parameters",
        "total_parameters",
        "trainable_share",
        "peak_memory_mb",
        "train_time_s",
        "notes_per_s",
        *[f"f1_{s}" for s in slugs],
    ]:
        assert key in m and m[key] is not None, key
    assert m["macro_f1"] == pytest.approx(np.mean([m[f"f1_{s}"] for s in slugs]))
    assert m["train_time_s"] > 0 and m["notes_per_s"] == pytest.approx(90 * 8 / m["train_time_s"])
    assert m["peak_memory_mb"] > 50 and m["peak_memory_source"] == "process_peak_rss"
    assert len(out.result.history) == 8

    files = {p.relative_to(out_dir).as_posix() for p in out_dir.rglob("*") if p.is_file()}
    assert not [f for f in files if f.endswith((".bin", ".pt", ".pth", ".pkl", ".ckpt"))], files
    assert {"tokenizer.json", "meta.json"} <= files
    meta = json.loads((out_dir / "meta.json").read_text())
    assert meta["classes"] == sorted(CLASS_WORDS) and meta["method"] == method
    vocab = json.loads((out_dir / "tokenizer.json").read_text())["model"]["vocab"]
    assert not any(c in token for token in vocab for c in "qzj"), "held-out text leaked into the vocabulary"

    texts = ["The knee fracture was noted", "Heart murmur and atrial valve, quokka", "Film views"]
    expected = _logits(out.model, out.tokenizer, texts)
    model, tokenizer, _ = load_text_classifier(out_dir)
    assert torch.equal(_logits(model, tokenizer, texts), expected)

    if method == "lora":
        assert {"adapter_model.safetensors", "adapter_config.json", "base/model.safetensors"} <= files
        with safe_open(out_dir / "adapter_model.safetensors", "pt") as f:
            keys = list(f.keys())
        assert keys and all("lora_" in k or "classifier" in k for k in keys), keys
        assert m["trainable_share"] < 0.2 and m["trainable_parameters"] < m["total_parameters"]
        from peft import PeftModel
        from transformers import BertForSequenceClassification

        base = BertForSequenceClassification.from_pretrained(out_dir / "base")
        direct = PeftModel.from_pretrained(base, out_dir)
        assert torch.equal(_logits(direct, tokenizer, texts), expected)
        adapter_bytes = (out_dir / "adapter_model.safetensors").stat().st_size
        assert adapter_bytes * 5 < (out_dir / "base" / "model.safetensors").stat().st_size
    else:
        assert "model.safetensors" in files and "adapter_model.safetensors" not in files
        assert m["trainable_share"] == 1.0
        # keywords decide the label, so full fine-tuning must beat always answering the majority class
        assert m["macro_f1"] > m["majority_macro_f1"] + 0.2


def test_rerun_of_a_finished_run_retrains_to_the_same_result(tmp_path):
    prepared = make_notes(tmp_path / "prepared", sizes=(45, 15, 15))
    cfg = tiny_cfg(epochs=2)
    first = notes.train_notes_model(cfg, prepared, None, tmp_path / "ckpt", "full")
    again = notes.train_notes_model(cfg, prepared, None, tmp_path / "ckpt", "full")
    assert first.result.resumed_from_epoch == 0 and again.result.resumed_from_epoch == 0
    assert len(again.result.history) == 2 and again.result.train_samples == first.result.train_samples
    assert again.metrics["macro_f1"] == first.metrics["macro_f1"]
    np.testing.assert_array_equal(again.predictions["test"][0], first.predictions["test"][0])
    changed = notes.train_notes_model(tiny_cfg(epochs=2, lr=2e-3), prepared, None, tmp_path / "ckpt", "full")
    assert changed.result.resumed_from_epoch == 0


def test_bad_inputs_raise_one_line_errors(tmp_path):
    with pytest.raises(InputError, match=r"train\.csv.*prepare_notes"):
        notes.train_notes_model(tiny_cfg(), tmp_path / "missing", None, tmp_path / "ckpt", "full")
    prepared = make_notes(tmp_path / "prepared", sizes=(30, 9, 9))
    test = pd.read_csv(prepared / "test.csv")
    test.loc[0, "label"] = "Dermatology"
    test.to_csv(prepared / "test.csv", index=False)
    with pytest.raises(InputError, match=r"test\.csv.*Dermatology"):
        notes.train_notes_model(tiny_cfg(), prepared, None, tmp_path / "ckpt", "full")
    with pytest.raises(ParamsError, match="method"):
        notes.train_notes_model(tiny_cfg(), prepared, None, tmp_path / "ckpt", "adapters")
    with pytest.raises(ParamsError, match="num_heads"):
        tiny_cfg(hidden_size=30, num_heads=4).validate()
    with pytest.raises(ParamsError, match="unknown key"):
        tiny_cfg(lora={"rank": 4}).validate()


def _stage(name: str):
    spec = importlib.util.spec_from_file_location(f"stage_{name}", REPO / "stages" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


STAGE_PARAMS = {
    "notes_methods": ["lora", "full"],
    "notes_train": {**TINY, "epochs": 3, "log_with": ["dvclive"]},
    "notes_train_method": {"lora": {"lr": 3e-2, "lora": {"r": 2}}, "full": {}},
}


def test_train_and_compare_stages_write_their_declared_outputs(tmp_path, monkeypatch):
    make_notes(tmp_path / "data" / "prepared" / "notes", sizes=(45, 15, 15))
    (tmp_path / "params.yaml").write_text(yaml.safe_dump(STAGE_PARAMS))
    monkeypatch.chdir(tmp_path)
    train, compare = _stage("train_notes"), _stage("compare_notes")
    cfg = train.load_config(STAGE_PARAMS, "lora")
    assert (
        cfg.lr == 3e-2 and cfg.lora_params().r == 2 and cfg.lora_params().alpha == 8
    )  # merged, not replaced
    for method in ("lora", "full"):
        monkeypatch.setattr(sys, "argv", ["train_notes.py", method])
        train.main()
        metrics = json.loads((tmp_path / "metrics" / "notes" / f"{method}.json").read_text())
        assert {"accuracy", "macro_f1", "trainable_share", "peak_memory_mb", "notes_per_s"} <= set(metrics)
        assert (tmp_path / "models" / "notes" / method / "meta.json").is_file()
        assert (tmp_path / "checkpoints" / "notes" / method / "finished.json").is_file()
        assert any((tmp_path / "dvclive" / f"notes_{method}").rglob("val_balanced_accuracy*"))

    monkeypatch.setattr(sys, "argv", ["compare_notes.py"])
    compare.main()
    comparison = json.loads((tmp_path / "metrics" / "notes_comparison.json").read_text())
    assert set(comparison) == {"lora", "full"}
    assert comparison["lora"]["trainable_parameters"] < comparison["full"]["trainable_parameters"]
    tex = (tmp_path / "thesis" / "tables" / "notes_comparison.tex").read_text()
    assert r"\toprule" in tex and r"\midrule" in tex and r"\bottomrule" in tex
    assert "LoRA &" in tex and "Full fine-tuning &" in tex
    assert (tmp_path / "thesis" / "figures" / "notes_lora_vs_full.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "thesis" / "figures" / "notes_lora_vs_full.png").read_bytes().startswith(b"\x89PNG")
    plot = pd.read_csv(tmp_path / "plots" / "notes" / "comparison.csv")
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

    cfg = notes.NotesTrainConfig(
        vocab_size=1500,
        hidden_size=64,
        num_layers=2,
        num_heads=2,
        intermediate_size=128,
        max_length=128,
        batch_size=16,
        epochs=8,
        lr=3e-3,
        warmup_epochs=1.0,
        log_with=[],
    )
    out = notes.train_notes_model(cfg, prepared, tmp_path / "model", tmp_path / "ckpt", "full")
    elapsed = time.perf_counter() - start
    m = out.metrics
    print(
        f"real notes: macro_f1 {m['macro_f1']:.3f} vs majority {m['majority_macro_f1']:.3f}, "
        f"accuracy {m['accuracy']:.3f}, train {m['train_time_s']:.1f} s, total {elapsed:.1f} s"
    )
    assert m["macro_f1"] > m["majority_macro_f1"] + 0.1
    vocab = set(out.tokenizer.get_vocab())
    assert "name" in vocab or "date" in vocab  # the placeholders of de-identified text are learnt as words
