"""Model cards carry the numbers with their CIs and the research-only warning."""

from __future__ import annotations

import json
import runpy
import sys
from pathlib import Path

import pytest
import yaml

from medrepro import layout
from medrepro.errors import InputError
from medrepro.report.model_card import render_model_card


def test_card_reports_metrics_with_cis_and_limits():
    model = {"arch": "resnet50", "timm_name": "resnet50", "num_parameters": 1234567, "image_size": 224,
             "mean": [0.5] * 3, "std": [0.2] * 3, "classes": ["akiec", "mel", "nv"]}
    data = {"images": 100, "lesions": 80, "train": {"images": 70, "lesions": 56},
            "val": {"images": 15, "lesions": 12}, "test": {"images": 15, "lesions": 12}}
    comparison = {"accuracy": 0.81, "accuracy_ci_low": 0.7, "accuracy_ci_high": 0.9, "balanced_accuracy": 0.75,
                  "balanced_accuracy_ci_low": 0.6, "balanced_accuracy_ci_high": 0.85, "macro_f1": 0.7,
                  "auc_mel": 0.93, "auc_mel_ci_low": 0.88, "auc_mel_ci_high": 0.97, "ece_before": 0.12,
                  "ece_after": 0.03, "temperature": 1.7, "flags": {"degenerate_ci": [], "temperature_at_bound": False},
                  "at_specificity": {"threshold": 0.31, "sensitivity": 0.66, "sensitivity_ci_low": 0.5,
                                     "sensitivity_ci_high": 0.8, "specificity": 0.95}}
    card = render_model_card(model=model, data=data, comparison=comparison, train={"epochs_run": 20,
                             "best_epoch": 14}, confidence=0.9, threshold_confidence=0.8, target_specificity=0.95,
                             positive_class="mel")
    assert "Not a medical device" in card
    assert "| balanced accuracy | 0.750 [0.600, 0.850] |" in card
    assert "| sensitivity | 0.660 [0.500, 0.800] |" in card
    assert "| macro F1 | 0.700 |" in card and "T = 1.700" in card and "1,234,567 parameters" in card
    assert "split by lesion" in card and "Limitations" in card
    assert "| mel AUC | 0.930 [0.880, 0.970] |" in card and "90% confidence intervals" in card
    assert "80% confidence intervals that re-choose the threshold" in card
    assert "## Warnings" not in card and "melanoma" not in card


def test_card_names_the_positive_class_and_shows_every_flag():
    model = {"arch": "vit_b_16", "timm_name": "vit", "num_parameters": 10, "image_size": 64,
             "mean": [0.5] * 3, "std": [0.2] * 3, "classes": ["bcc", "nv"]}
    data = {"images": 10, "lesions": 8}
    comparison = {"temperature": 0.06, "auc_bcc": 0.7, "at_specificity": {"threshold": 0.5, "sensitivity": 1.0},
                  "flags": {"degenerate_ci": ["at_specificity.sensitivity"], "temperature_at_bound": True}}
    card = render_model_card(model=model, data=data, comparison=comparison, train={}, confidence=0.95,
                             threshold_confidence=0.95, target_specificity=0.9, positive_class="bcc",
                             small_groups=["sex=female", "age=<30"], min_group_size=12)
    warnings = card.split("## Warnings", 1)[1].split("##", 1)[0]
    assert "Temperature at the edge of its search range" in warnings and "T = 0.060" in warnings
    assert "Zero-width confidence intervals" in warnings and "at_specificity.sensitivity" in warnings
    assert "fewer than 12 test images" in warnings and "sex=female, age=<30" in warnings
    assert "## bcc operating point" in card and "| bcc AUC | 0.700 |" in card


def test_card_of_a_capped_run_says_it_is_a_rehearsal():
    model = {"arch": "resnet50", "timm_name": "resnet50", "num_parameters": 10, "image_size": 224,
             "mean": [0.5] * 3, "std": [0.2] * 3, "classes": ["bcc", "nv"],
             "training_caps": {"max_steps_per_epoch": {"cap": 1, "full": 49}}}
    kwargs = dict(data={"images": 10, "lesions": 8}, comparison={"temperature": 1.0}, train={}, confidence=0.95,
                  threshold_confidence=0.95, target_specificity=0.9, positive_class="bcc")
    card = render_model_card(model=model, **kwargs)
    assert "CPU rehearsal, not a result" in card and "max_steps_per_epoch 1 of 49" in card
    assert "CPU rehearsal" not in render_model_card(model={**model, "training_caps": {}}, **kwargs)


def test_card_stage_refuses_a_comparison_made_for_another_positive_class(tmp_path, monkeypatch):
    """threshold.positive_class: bcc with a comparison.json still holding auc_mel would label mel numbers bcc."""
    files = layout.images("resnet50", tmp_path)
    entry = {"temperature": 1.0, "auc_mel": 0.9, "at_specificity": {"threshold": 0.5}}
    for path, data in ((files.model_json, {"arch": "resnet50", "timm_name": "resnet50", "num_parameters": 10,
                                           "image_size": 64, "mean": [0.5] * 3, "std": [0.2] * 3,
                                           "classes": ["bcc", "mel", "nv"]}),
                       (files.train_json, {}), (layout.data_json(tmp_path), {"images": 10, "lesions": 8}),
                       (layout.comparison_json(tmp_path), {"resnet50": entry}),
                       (layout.subgroups_json(tmp_path), {"resnet50": {}})):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data))
    params = {"compare": {"confidence": 0.95}, "subgroups": {"min_group_size": 10},
              "threshold": {"confidence": 0.95, "target_specificity": 0.9, "positive_class": "bcc"}}
    (tmp_path / "params.yaml").write_text(yaml.safe_dump(params))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "argv", ["stages/model_card.py", "resnet50"])
    stage = str(Path(__file__).resolve().parents[1] / "stages" / "model_card.py")
    with pytest.raises(InputError, match="has no auc_bcc, so it was made for another threshold.positive_class"):
        runpy.run_path(stage, run_name="not_main")["main"]()
    assert not files.model_card.exists()
    params["threshold"]["positive_class"] = "mel"
    (tmp_path / "params.yaml").write_text(yaml.safe_dump(params))
    runpy.run_path(stage, run_name="not_main")["main"]()
    assert "## mel operating point" in files.model_card.read_text()
