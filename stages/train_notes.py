"""Stage train_notes@<method>: fine-tune the pretrain_notes encoder with LoRA or fully, on the shared loop.

Quality goes to results/train_notes/<method>/train.json, the run-dependent cost readings to
results/train_notes/<method>/timing.json, the model (adapters for LoRA) to results/train_notes/<method>/model.
Run by DVC as `python stages/train_notes.py <method>` with method in `notes_methods` (lora, full);
`accelerate launch stages/train_notes.py <method>` runs it on several processes unchanged.
"""

from __future__ import annotations

import sys
from dataclasses import asdict

from medrepro.config import from_dict, load_params, run_stage, section
from medrepro.errors import ParamsError
from medrepro.io import write_json
from medrepro.layout import PREPARED_NOTES as PREPARED
from medrepro.layout import checkpoint_dir, item_arg, stage_dir
from medrepro.provenance import code_fingerprint
from medrepro.train.notes import NotesTrainConfig, check_method, train_notes_model

ENCODER = stage_dir("pretrain_notes") / "encoder"


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
    method = check_method(item_arg(sys.argv, "train_notes", "method: lora or full"))
    out_dir = stage_dir("train_notes", method)
    cfg = load_config(load_params(), method)
    out = train_notes_model(
        cfg,
        PREPARED,
        ENCODER,
        out_dir / "model",
        checkpoint_dir("train_notes", method),
        method,
        out_dir / "dvclive",
        tracker_config={"method": method, **asdict(cfg)},
        code=code_fingerprint(__file__),
    )
    from accelerate import PartialState

    if PartialState().is_main_process:
        write_json(out_dir / "train.json", out.metrics)
        write_json(out_dir / "timing.json", out.timing)


if __name__ == "__main__":
    run_stage(main)
