"""Stage pretrain_notes: masked-LM pretraining of the notes encoder on the de-identified training notes.

Offline (`notes_train.model_name: ""`) it learns the WordPiece tokenizer and a small BERT from scratch; with
a hub name it continues that model. Both train_notes methods start from results/pretrain_notes/encoder. Quality
goes to results/pretrain_notes/pretrain.json, the run-dependent cost readings to results/pretrain_notes/timing.json.
"""

from __future__ import annotations

from dataclasses import asdict

from medrepro.config import from_dict, load_params, run_stage, section
from medrepro.io import write_json
from medrepro.layout import PREPARED_NOTES as PREPARED
from medrepro.layout import checkpoint_dir, stage_dir
from medrepro.provenance import code_fingerprint
from medrepro.train.notes_pretrain import PretrainConfig, pretrain_encoder

OUT = stage_dir("pretrain_notes")


def load_config(params: dict) -> tuple[PretrainConfig, str]:
    cfg = from_dict(PretrainConfig, section(params, "pretrain_notes"), "pretrain_notes")
    cfg.validate()
    return cfg, str(section(params, "notes_train.model_name") or "")


def main() -> None:
    cfg, model_name = load_config(load_params())
    out = pretrain_encoder(cfg, model_name, PREPARED, OUT / "encoder", checkpoint_dir("pretrain_notes"),
                           OUT / "dvclive", tracker_config={"model_name": model_name, **asdict(cfg)},
                           code=code_fingerprint(__file__))
    from accelerate import PartialState

    if PartialState().is_main_process:
        write_json(OUT / "pretrain.json", out.metrics)
        write_json(OUT / "timing.json", out.timing)


if __name__ == "__main__":
    run_stage(main)
