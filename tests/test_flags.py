"""Flags a reader must see: temperature at a search bound and zero-width intervals, in tables."""

import numpy as np
import pytest

from medrepro.evaluate.calibration import TEMPERATURE_BOUNDS, calibration_report, temperature_at_bound
from medrepro.report import tables


@pytest.mark.parametrize("t,flag", [(0.05, True), (0.063, True), (0.08, False), (1.0, False), (12.0, False),
                                    (15.0, True), (20.0, True)])
def test_temperature_at_bound(t, flag):
    assert TEMPERATURE_BOUNDS == (0.05, 20.0)
    assert temperature_at_bound(t) is flag  # the sample's resnet50 had T = 0.063 next to the 0.05 bound


def test_calibration_report_flags_a_temperature_pushed_to_the_bound():
    rng = np.random.default_rng(0)
    labels = rng.integers(0, 3, 300)
    logits = rng.normal(size=(300, 3))
    logits[np.arange(300), labels] += 3.0
    assert calibration_report(logits[:150], labels[:150], logits[150:], labels[150:])["temperature_at_bound"] is False
    tiny = logits * 0.005  # under-confident by 200x: T would have to be ~0.005, below the 0.05 bound
    report = calibration_report(tiny[:150], labels[:150], tiny[150:], labels[150:])
    assert report["temperature"] == pytest.approx(0.05, rel=1e-3) and report["temperature_at_bound"] is True


def test_table_notes_and_dagger_show_the_flags():
    comparison = {"resnet50": {"temperature": 0.06, "flags": {"temperature_at_bound": True,
                                                              "degenerate_ci": ["at_specificity.sensitivity"]}},
                  "vit_b_16": {"temperature": 1.2, "flags": {"temperature_at_bound": False, "degenerate_ci": []}}}
    notes = tables.flag_notes(comparison)
    assert "resnet50 (at\\_specificity.sensitivity)" in notes["ci"] and "vit\\_b" not in notes["ci"]
    assert "resnet50" in notes["temperature"] and "vit\\_b" not in notes["temperature"]
    cal = tables.calibration_table(comparison)
    assert cal.iloc[0]["$T$"] == "0.06$^\\dagger$" and cal.iloc[1]["$T$"] == "1.20"
    quiet = {"vit_b_16": comparison["vit_b_16"]}
    assert tables.flag_notes(quiet) == {"ci": "", "temperature": ""}
