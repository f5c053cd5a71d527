"""One name per quantity: every metrics file uses only the names listed in docs/metrics.md."""

import json

import pytest
import yaml
from conftest import BIN, run
from metric_names import Vocabulary, vocabulary

from medrepro import layout


def test_vocabulary_lists_each_name_once_and_no_alias():
    listed = vocabulary()["names"]
    assert len(listed) == len(set(listed)), sorted({n for n in listed if listed.count(n) > 1})
    for alias in ("mel_auc", "roc_auc", "sensitivity_at_target_specificity", "specificity_at_target_specificity"):
        assert alias not in listed


def test_checker_accepts_the_vocabulary_and_rejects_aliases():
    v = Vocabulary()
    good = {"resnet50": {"auc_mel": 0.9, "auc_mel_ci_low": 0.8, "at_specificity": {"sensitivity_ci_high": 1.0},
                         "flags": {"degenerate_ci": []}},
            "at_specificity.sensitivity_fixed_threshold_ci_low": 0.5,
            "pairs": {"a_vs_b": {"auc_mel_difference_ci_low": -0.1, "accuracy_a": 0.7}},
            "vit_b_16": {"sex": {"female": {"ece_excess_ci_high": 0.1}}, "fairness": {"sex": {"fpr_gap": 0.1}}},
            "architectures": {"resnet50": {"summary": {"at_specificity.sensitivity": {"mean": 0.5}}}}}
    assert v.unknown(good, {"resnet50", "vit_b_16"}) == []
    bad = {"resnet50": {"mel_auc": 0.9, "roc_auc": 0.9, "sensitivity_at_target_specificity": 0.5,
                        "at_specificity": {"sens": 0.5}},
           "architectures": {"resnet50": {"summary": {"mel_auc": {"mean": 0.5}}}},
           "typo_section": {"accuracy": 0.5}}
    assert sorted(v.unknown(bad, {"resnet50"})) == sorted([
        "resnet50.mel_auc", "resnet50.roc_auc", "resnet50.sensitivity_at_target_specificity",
        "resnet50.at_specificity.sens", "architectures.resnet50.summary.mel_auc.mean", "typo_section.accuracy"])


@pytest.mark.slow
def test_every_metrics_file_of_the_sample_graph_uses_listed_names(sample_run):
    params = yaml.safe_load((sample_run / "params.yaml").read_text())
    dynamic = set(params["architectures"]) | set(params["notes_methods"])
    shown = run([str(BIN / "dvc"), "metrics", "show", "--json"], cwd=sample_run).stdout
    files = sorted(sample_run / path for path in json.loads(shown)[""]["data"])
    assert len(files) > 20 and all(path.is_file() for path in files)
    # every JSON a stage writes beside its models, settings and tracker logs is a declared metric: none escapes
    undeclared = [path for path in (sample_run / layout.RESULTS).rglob("*.json") if path not in files
                  and path.name not in ("model.json", "temperature.json")
                  and not {"dvclive", "model", "encoder", "train_config"} & set(path.relative_to(sample_run).parts)]
    assert undeclared == []
    v = Vocabulary()
    unknown = [key for path in files for key in v.unknown_in_file(path, dynamic)]
    assert unknown == [], unknown
