"""Stage model_card@<arch>: write results/model_card/<arch>/README.md from the metrics the graph produced."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from medrepro.config import load_params, run_stage, section
from medrepro.errors import InputError
from medrepro.io import write_text
from medrepro.layout import comparison_json, data_json, images, item_arg, subgroups_json
from medrepro.report.model_card import render_model_card


def read(path: Path) -> dict:
    if not path.is_file():
        raise InputError(f"{path}: not found; run the stages before model_card (dvc repro)")
    return json.loads(path.read_text())


def main() -> None:
    arch = item_arg(sys.argv, "model_card")
    files = images(arch)
    params = load_params()
    comparison = read(comparison_json())
    if arch not in comparison:
        raise InputError(f"{comparison_json()}: no entry for {arch!r}; re-run the compare stage")
    positive = str(section(params, "threshold.positive_class"))
    if f"auc_{positive}" not in comparison[arch]:
        raise InputError(f"{comparison_json()}: {arch!r} has no auc_{positive}, so it was made for another "
                         f"threshold.positive_class than {positive!r}; rerun the threshold and compare stages")
    subgroups = read(subgroups_json())
    if arch not in subgroups:
        raise InputError(f"{subgroups_json()}: no entry for {arch!r}; re-run the subgroups stage")
    card = render_model_card(
        model=read(files.model_json), data=read(data_json()),
        comparison=comparison[arch], train=read(files.train_json),
        confidence=float(section(params, "compare.confidence")),
        threshold_confidence=float(section(params, "threshold.confidence")),
        target_specificity=float(section(params, "threshold.target_specificity")),
        positive_class=positive,
        small_groups=subgroups[arch].get("flags", {}).get("small_groups", []),
        min_group_size=int(section(params, "subgroups.min_group_size")),
    )
    write_text(files.model_card, card)


if __name__ == "__main__":
    run_stage(main)
