"""Multiclass metrics against sklearn, including classes missing from the evaluation set."""

import numpy as np
import pytest
from sklearn.metrics import balanced_accuracy_score, confusion_matrix, f1_score, roc_auc_score

from medrepro.evaluate.calibration import softmax
from medrepro.evaluate.metrics import classification_metrics, confusion_matrix_frame, confusion_records

CLASSES = ["akiec", "bcc", "bkl", "df", "mel", "nv", "vasc"]


def _data(seed=0, n=500):
    rng = np.random.default_rng(seed)
    labels = rng.choice(7, size=n, p=[0.03, 0.05, 0.11, 0.01, 0.11, 0.67, 0.02])
    logits = rng.normal(size=(n, 7))
    logits[np.arange(n), labels] += 1.5
    return softmax(logits), labels


def test_classification_metrics_match_sklearn():
    probs, labels = _data()
    m = classification_metrics(probs, labels, CLASSES)
    pred = probs.argmax(1)
    assert m["accuracy"] == pytest.approx(np.mean(pred == labels))
    assert m["balanced_accuracy"] == pytest.approx(balanced_accuracy_score(labels, pred))
    assert m["macro_f1"] == pytest.approx(f1_score(labels, pred, average="macro"))
    for k, name in enumerate(CLASSES):
        assert m[f"auc_{name}"] == pytest.approx(roc_auc_score(labels == k, probs[:, k]))
    assert "mel_auc" not in m and "roc_auc" not in m, "one name per quantity: auc_<class>"


def test_absent_class_gives_none_auc_and_counts_in_macro_f1():
    probs, labels = _data(seed=1)
    keep = labels != CLASSES.index("df")
    probs, labels = probs[keep], labels[keep]
    m = classification_metrics(probs, labels, CLASSES)
    assert m["auc_df"] is None
    assert m["auc_mel"] is not None
    pred = probs.argmax(1)
    expected = f1_score(labels, pred, labels=range(7), average="macro", zero_division=0)
    assert m["macro_f1"] == pytest.approx(expected)


def test_no_mel_alias_without_mel_class():
    probs, labels = _data(seed=2, n=100)
    m = classification_metrics(probs[:, :3] / probs[:, :3].sum(1, keepdims=True), labels % 3, ["a", "b", "c"])
    assert "mel_auc" not in m and set(m) >= {"auc_a", "auc_b", "auc_c"}


def test_confusion_records_and_frame():
    labels = np.array([0, 4, 4, 5, 6])
    preds = np.array([0, 5, 4, 5, 4])
    records = confusion_records(labels, preds, CLASSES)
    assert records[1] == {"actual": "mel", "predicted": "nv"}
    assert len(records) == 5
    frame = confusion_matrix_frame(labels, preds, CLASSES)
    assert list(frame.index) == CLASSES and list(frame.columns) == CLASSES
    assert (frame.to_numpy() == confusion_matrix(labels, preds, labels=range(7))).all()
    assert frame.loc["mel", "nv"] == 1 and frame.loc["vasc", "mel"] == 1 and frame.to_numpy().sum() == 5
