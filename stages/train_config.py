"""Stage train_config@<arch>: one architecture's training settings, resolved once (shared `train` overlaid
with `train_arch.<arch>`, validated) into results/train_config/<arch>/config.json.

Why a stage of its own: DVC cannot depend on `train_arch.<arch>` for a model that has no entry there, and
depending on the whole `train_arch` section would retrain every architecture when one of them changes.
This stage depends on the sections and takes a second; its output changes only for the architecture whose
settings changed, and train@<arch> depends on that file, so exactly that architecture retrains.
"""

from __future__ import annotations

import sys
from dataclasses import asdict

from medrepro.config import architecture_list, load_params, run_stage
from medrepro.errors import ParamsError
from medrepro.io import write_json
from medrepro.layout import images, item_arg
from medrepro.train.images import ImageTrainConfig


def main() -> None:
    arch = item_arg(sys.argv, "train_config")
    params = load_params()
    archs = architecture_list(params)
    if arch not in archs:
        raise ParamsError(f"params.yaml: {arch!r} is not in 'architectures' {archs}")
    if not isinstance(params.get("train_arch", {}), dict):
        raise ParamsError("params.yaml: 'train_arch' must be a mapping of architecture name -> overrides")
    cfg = ImageTrainConfig.from_params(params, arch)
    write_json(images(arch).train_config, asdict(cfg))


if __name__ == "__main__":
    run_stage(main)
