"""Starting weights: stand-ins made locally, pinned by sha256, wrong files and no network as one line."""

from __future__ import annotations

import json
import time

import pytest
import torch
from safetensors.torch import load_file, save_file

from medrepro.config import run_stage
from medrepro.errors import InputError, ParamsError
from medrepro.models import weights as w
from medrepro.models.fetch import fetch_weights
from medrepro.models.registry import create_model
from medrepro.report.model_card import render_model_card


@pytest.fixture(scope="module")
def stand_ins(tmp_path_factory):
    """Full-size stand-in weights (random, the real shapes) of two architectures, as fetch-weights writes them."""
    root = tmp_path_factory.mktemp("weights") / "weights"
    manifest = fetch_weights(root, ["resnet50", "densenet121"], None, stand_in=True)
    return root, manifest


def test_fetch_writes_pinned_layout(stand_ins):
    root, manifest = stand_ins
    on_disk = json.loads((root / "manifest.json").read_text())
    assert on_disk == manifest and on_disk["stand_in"] is True
    entry = on_disk["weights"]["resnet50"]
    assert entry["path"] == "resnet50/model.safetensors" and entry["name"] == "resnet50"
    assert entry["sha256"] == w.sha256_file(root / entry["path"])
    assert load_file(root / entry["path"])["fc.weight"].shape == (1000, 2048)  # the ImageNet head, as timm's


def test_training_starts_from_the_pinned_file_and_records_it(stand_ins):
    root, manifest = stand_ins
    path = root / "resnet50" / "model.safetensors"
    model = create_model("resnet50", 7, 64, pretrained_path=str(path))
    saved = load_file(path)
    assert torch.equal(model.state_dict()["layer4.2.conv3.weight"], saved["layer4.2.conv3.weight"])
    assert model.get_classifier().weight.shape == (7, 2048)  # a new head for 7 classes
    info = model.starting_weights
    assert info.sha256 == manifest["weights"]["resnet50"]["sha256"] and info.source.startswith("stand-in")
    card = render_model_card(model={"arch": "resnet50", "timm_name": "resnet50", "num_parameters": 1,
                                    "image_size": 64, "mean": [0], "std": [1], "classes": ["a"],
                                    "starting_weights": info.as_dict()},
                             data={"images": 1, "lesions": 1}, comparison={}, train={}, confidence=0.95,
                             threshold_confidence=0.95, target_specificity=0.95, positive_class="mel")
    assert f"sha256 `{info.sha256}`" in card


def test_a_changed_pinned_file_is_refused(stand_ins, tmp_path):
    root, _ = stand_ins
    copy = tmp_path / "weights"
    (copy / "resnet50").mkdir(parents=True)
    (copy / "manifest.json").write_text((root / "manifest.json").read_text())
    state = load_file(root / "resnet50" / "model.safetensors")
    state["fc.bias"] = state["fc.bias"] + 1
    save_file(state, copy / "resnet50" / "model.safetensors", metadata={"timm_name": "resnet50"})
    with pytest.raises(InputError, match="differs from .*manifest.json"):
        create_model("resnet50", 7, 64, pretrained_path=str(copy / "resnet50" / "model.safetensors"))


def test_wrong_architecture_names_both(stand_ins, tmp_path):
    """One shared pretrained_path for several architectures: an error naming both, never random layers."""
    root, _ = stand_ins
    with pytest.raises(InputError, match=r"weights of resnet50 .*this model is efficientnet_b3"):
        create_model("efficientnet_b3", 7, 64, pretrained_path=str(root / "resnet50" / "model.safetensors"))
    bare = tmp_path / "densenet_no_metadata.safetensors"  # e.g. saved by hand: only the keys tell
    save_file(load_file(root / "densenet121" / "model.safetensors"), bare)
    with pytest.raises(InputError, match=r"weights of densenet121, but this model is vit_b_16"):
        create_model("vit_b_16", 7, 64, pretrained_path=str(bare))


def test_missing_file_names_the_param_and_the_fix(tmp_path):
    with pytest.raises(InputError, match=r"train_arch.resnet50.pretrained_path.*medrepro fetch-weights"):
        create_model("resnet50", 7, 64, pretrained_path=str(tmp_path / "weights/resnet50/model.safetensors"),
                     where="train_arch.resnet50.pretrained_path")


@pytest.mark.parametrize("offline", [{"HF_HUB_OFFLINE": "1"}, {"HF_ENDPOINT": "http://127.0.0.1:9"}])
def test_no_network_and_no_local_weights_is_one_line_in_seconds(offline, monkeypatch, capsys):
    for key, value in offline.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setattr(w, "_cached_hub_file", lambda repo, filename=w.WEIGHTS_FILE: None)
    start = time.perf_counter()
    with pytest.raises(SystemExit) as exc:
        run_stage(lambda: create_model("densenet121", 7, 64, pretrained=True))
    elapsed = time.perf_counter() - start
    err = capsys.readouterr().err.strip().splitlines()
    assert exc.value.code == 1 and len(err) == 1 and elapsed < 10
    assert err[0].startswith("error: densenet121:") and "medrepro fetch-weights" in err[0]
    assert "train_arch.densenet121.pretrained_path" in err[0]


def test_notes_encoder_offline_is_one_line(monkeypatch, tmp_path):
    from huggingface_hub import constants

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(tmp_path / "empty-cache"))
    with pytest.raises(ParamsError, match=r"notes_train.model_name.*medrepro fetch-weights"):
        w.resolve_hub_model("emilyalsentzer/Bio_ClinicalBERT", "notes_train.model_name")
    assert w.resolve_hub_model(str(tmp_path), "notes_train.model_name") == str(tmp_path)  # a local folder as is


def test_stand_in_notes_encoder_loads_as_a_classifier(tmp_path):
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    manifest = fetch_weights(tmp_path, [], "emilyalsentzer/Bio_ClinicalBERT", stand_in=True)
    folder = tmp_path / manifest["weights"]["notes"]["path"]
    assert w.resolve_hub_model(str(folder), "notes_train.model_name") == str(folder)
    tokenizer = AutoTokenizer.from_pretrained(folder)
    model = AutoModelForSequenceClassification.from_pretrained(folder, num_labels=5)
    assert model.config.hidden_size == 768 and model.config.num_hidden_layers == 12
    batch = tokenizer(["Pt seen for chest pain, 3 days."], return_tensors="pt", truncation=True, max_length=64)
    assert tokenizer.unk_token_id not in batch["input_ids"][0].tolist()  # characters, not all [UNK]
    assert model(**batch).logits.shape == (1, 5)
    (folder / "config.json").write_text((folder / "config.json").read_text().replace("768", "769", 1))
    with pytest.raises(InputError, match="config.json: missing or changed"):
        w.resolve_hub_model(str(folder), "notes_train.model_name")
