"""Where every stage writes: one folder per stage, `results/<stage>/` (`results/<stage>/<item>/` for stages
run once per architecture, method or fold).

One folder per stage is what lets an aggregate stage depend on `results/<stage>` as a whole: DVC links a
folder dependency to every stage output under it, so `dvc.yaml` never has to name an architecture and a
model added to `architectures:` is wired in by construction. Only the stage scripts and the command line
(`medrepro predict`, `medrepro serve`) use this module; library functions take the paths they need.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from medrepro.errors import ParamsError

RESULTS = Path("results")
PREPARED_IMAGES = Path("data/prepared/ham10000")
PREPARED_NOTES = Path("data/prepared/notes")
CHECKPOINTS = Path("checkpoints")
THESIS = Path("thesis")


def stage_dir(stage: str, item: str | None = None, root: str | os.PathLike = ".") -> Path:
    """results/<stage>/ or results/<stage>/<item>/ under `root`."""
    base = Path(root) / RESULTS / stage
    return base if item is None else base / item


def checkpoint_dir(stage: str, item: str | None = None) -> Path:
    """checkpoints/<stage>/[<item>/]: resumable state, kept out of results/ (never a result, never cached)."""
    return CHECKPOINTS / stage if item is None else CHECKPOINTS / stage / item


def item_arg(argv: list[str], stage: str, what: str = "architecture") -> str:
    """The one command-line argument of a per-item stage, refused if it could escape its folder."""
    if len(argv) != 2 or not argv[1] or "/" in argv[1] or "\\" in argv[1] or argv[1].startswith("."):
        raise ParamsError(f"usage: python stages/{stage}.py <{what}>")
    return argv[1]


@dataclass(frozen=True)
class ImageOutputs:
    """One architecture's files across the per-architecture stages (train, calibrate, threshold, gradcam,
    model_card)."""

    arch: str
    root: Path = Path(".")

    def _in(self, stage: str) -> Path:
        return stage_dir(stage, self.arch, self.root)

    @property
    def train_config(self) -> Path:
        """The resolved training settings (train_config@<arch>), the one params input of train@<arch>."""
        return self._in("train_config") / "config.json"

    @property
    def train(self) -> Path:
        return self._in("train")

    @property
    def weights(self) -> Path:
        return self.train / "model.safetensors"

    @property
    def model_json(self) -> Path:
        return self.train / "model.json"

    @property
    def predictions(self) -> Path:
        return self.train / "predictions"

    def split_predictions(self, split: str) -> Path:
        return self.predictions / f"{split}.csv"

    @property
    def train_json(self) -> Path:
        return self.train / "train.json"

    @property
    def timing_json(self) -> Path:
        return self.train / "timing.json"

    @property
    def dvclive(self) -> Path:
        return self.train / "dvclive"

    @property
    def temperature_json(self) -> Path:
        return self._in("calibrate") / "temperature.json"

    @property
    def calibration_json(self) -> Path:
        return self._in("calibrate") / "calibration.json"

    @property
    def reliability_csv(self) -> Path:
        return self._in("calibrate") / "reliability.csv"

    @property
    def confusion_csv(self) -> Path:
        return self._in("calibrate") / "confusion.csv"

    @property
    def threshold_json(self) -> Path:
        return self._in("threshold") / "threshold.json"

    @property
    def roc_csv(self) -> Path:
        return self._in("threshold") / "roc.csv"

    @property
    def gradcam_json(self) -> Path:
        return self._in("gradcam") / "gradcam.json"

    @property
    def gradcam_png(self) -> Path:
        return self._in("gradcam") / "gradcam.png"

    @property
    def model_card(self) -> Path:
        return self._in("model_card") / "README.md"


def images(arch: str, root: str | os.PathLike = ".") -> ImageOutputs:
    return ImageOutputs(arch, Path(root))


def data_json(root: str | os.PathLike = ".") -> Path:
    return stage_dir("prepare_images", root=root) / "data.json"


def notes_data_json(root: str | os.PathLike = ".") -> Path:
    return stage_dir("prepare_notes", root=root) / "notes_data.json"


def comparison_json(root: str | os.PathLike = ".") -> Path:
    return stage_dir("compare", root=root) / "comparison.json"


def subgroups_json(root: str | os.PathLike = ".") -> Path:
    return stage_dir("subgroups", root=root) / "subgroups.json"


def significance_json(root: str | os.PathLike = ".") -> Path:
    return stage_dir("significance", root=root) / "significance.json"


def cv_fold_json(arch: str, fold: int, root: str | os.PathLike = ".") -> Path:
    """results/cv_train/<arch>-fold<k>/fold.json: one fold's held-out metrics (written by cv_train, read by
    cv_summary)."""
    return stage_dir("cv_train", f"{arch}-fold{fold}", root) / "fold.json"


def trained_architectures(root: str | os.PathLike = ".", order: list[str] | None = None) -> list[str]:
    """Architectures with a folder under results/train/, in `order` (params.yaml's list) first, then by name.
    Completeness is for the consumer to check: it knows which files it needs."""
    folder = stage_dir("train", root=root)
    found = sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []
    first = [a for a in (order or []) if a in found]
    return first + [a for a in found if a not in first]


def params_architectures(root: str | os.PathLike = ".") -> list[str]:
    """params.yaml's `architectures` under `root`, or [] where there is no readable params file."""
    from medrepro.config import load_params
    from medrepro.errors import MedreproError

    try:
        archs = load_params(Path(root) / "params.yaml").get("architectures")
    except MedreproError:
        return []
    return [a for a in archs if isinstance(a, str)] if isinstance(archs, list) else []
