"""Stage model_card@<arch>: write models/<arch>/README.md from the metrics the graph produced."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from medrepro.config import load_params, run_stage, section
from medrepro.errors import InputError, ParamsError
from medrepro.io import write_text
from medrepro.report.model_card import render_model_card


def read(path: Path) -> dict:
    if not path.is_file():
        raise InputError(f"{path}: not found; run the stages before model_card (dvc repro)")
    return json.loads(path.read_text())


def main() -> None:
    if len(sys.argv) != 2:
        raise ParamsError("usage: python stages/model_card.py <architecture>")
    arch = sys.argv[1]
    params = load_params()
    comparison = read(Path("metrics/comparison.json"))
    if arch not in comparison:
        raise InputError(f"metrics/comparison.json: no entry for {arch!r}; re-run the compare stage")
    subgroups = read(Path("metrics/subgroups.json"))
    if arch not in subgroups:
        raise InputError(f"metrics/subgroups.json: no entry for {arch!r}; re-run the subgroups stage")
    card = render_model_card(
        model=read(Path("models") / arch / "model.json"), data=read(Path("metrics/data.json")),
        comparison=comparison[arch], train=read(Path("metrics") / arch / "train.json"),
        confidence=float(section(params, "compare.confidence")),
        threshold_confidence=float(section(params, "threshold.confidence")),
        target_specificity=float(section(params, "threshold.target_specificity")),
        positive_class=str(section(params, "threshold.positive_class")),
        small_groups=subgroups[arch].get("flags", {}).get("small_groups", []),
        min_group_size=int(section(params, "subgroups.min_group_size")),
    )
    write_text(Path("models") / arch / "README.md", card)


if __name__ == "__main__":
    run_stage(main)
