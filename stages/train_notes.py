"""Stage train_notes@<method>: fine-tune the pretrain_notes encoder with LoRA or fully, on the shared loop.

Quality goes to metrics/notes/<method>.json, the run-dependent cost readings to
metrics/notes/<method>_timing.json. Run by DVC as `python stages/train_notes.py <method>` with method in
`notes_methods` (lora, full);
`accelerate launch stages/train_notes.py <method>` runs it on several processes unchanged.
"""

from __future__ import annotations

import sys
from dataclasses import asdict
from pathlib import Path

from medrepro.config import from_dict, load_params, run_stage, section
from medrepro.errors import ParamsError
from medrepro.io import write_json
from medrepro.provenance import code_fingerprint
from medrepro.train.notes import NotesTrainConfig, check_method, train_notes_model

PREPARED = Path("data/prepared/notes")
ENCODER = Path("models/notes/pretrain")


def load_config(params: dict, method: str) -> NotesTrainConfig:
    """Shared `notes_train` settings overlaid with `notes_train_method.<method>` (the lora mapping merged);
    `model_name` is pretrain_notes' starting point, not a fine-tuning setting."""
    methods = section(params, "notes_methods")
    if method not in methods:
        raise ParamsError(f"params.yaml: {method!r} is not in 'notes_methods' {methods}")
    merged = dict(section(params, "notes_train"))
    merged.pop("model_name", None)
    overrides = dict((params.get("notes_train_method") or {}).get(method) or {})
    if isinstance(merged.get("lora"), dict) and isinstance(overrides.get("lora"), dict):
        overrides["lora"] = {**merged["lora"], **overrides["lora"]}
    merged.update(overrides)
    cfg = from_dict(NotesTrainConfig, merged, f"notes_train (with notes_train_method.{method})")
    cfg.validate()
    return cfg


def main() -> None:
    if len(sys.argv) != 2:
        raise ParamsError("usage: python stages/train_notes.py <method>   (method: lora or full)")
    method = check_method(sys.argv[1])
    cfg = load_config(load_params(), method)
    out = train_notes_model(
        cfg,
        PREPARED,
        ENCODER,
        Path("models/notes") / method,
        Path("checkpoints/notes") / method,
        method,
        Path("dvclive") / f"notes_{method}",
        tracker_config={"method": method, **asdict(cfg)},
        code=code_fingerprint(__file__),
    )
    from accelerate import PartialState

    if PartialState().is_main_process:
        write_json(Path("metrics/notes") / f"{method}.json", out.metrics)
        write_json(Path("metrics/notes") / f"{method}_timing.json", out.timing)


if __name__ == "__main__":
    run_stage(main)
