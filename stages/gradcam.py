"""Stage gradcam@<arch>: Grad-CAM grid of test images per class, plus the model-randomisation sanity check."""

import sys
from dataclasses import dataclass

import numpy as np

from medrepro.config import from_dict, load_params, run_stage, section
from medrepro.errors import InputError, ParamsError
from medrepro.evaluate.predictions import read_predictions
from medrepro.explain.gradcam import TARGETS, explain, randomisation_check, save_grid
from medrepro.io import write_json
from medrepro.layout import PREPARED_IMAGES as PREPARED
from medrepro.layout import images as outputs_of
from medrepro.layout import item_arg
from medrepro.models.trained import TrainedFiles, load_trained


@dataclass
class GradcamParams:
    per_class: int = 2
    seed: int = 42
    target: str = "predicted"     # predicted: evidence for the model's decision; true: for the diagnosis
    sanity_images: int = 64       # test images in the trained-vs-randomised-weights check

    def __post_init__(self) -> None:
        if not 1 <= self.per_class <= 20:
            raise ParamsError(f"params.yaml: 'gradcam.per_class' must be in [1, 20], got {self.per_class}")
        if self.target not in TARGETS:
            raise ParamsError(f"params.yaml: 'gradcam.target' is {self.target!r}; use one of {list(TARGETS)}")
        if not 1 <= self.sanity_images <= 100_000:
            raise ParamsError(
                f"params.yaml: 'gradcam.sanity_images' must be in [1, 100000], got {self.sanity_images}")


def main() -> None:
    arch = item_arg(sys.argv, "gradcam")
    files = outputs_of(arch)
    params = load_params()
    archs = section(params, "architectures")
    if arch not in archs:
        raise ParamsError(f"params.yaml: {arch!r} is not in 'architectures' {archs}")
    p = from_dict(GradcamParams, section(params, "gradcam"), "gradcam")
    trained = load_trained(TrainedFiles.of(files), operating_point=False)
    loaded, temperature = trained.loaded, trained.temperature
    predictions = files.split_predictions("test")
    ids, logits, labels = read_predictions(predictions, loaded.classes)

    images_path, labels_path = PREPARED / "test_images.npy", PREPARED / "test_labels.npy"
    for path in (images_path, labels_path):
        if not path.is_file():
            raise InputError(f"{path}: prepared cache not found; run the prepare_images stage first")
    images = np.load(images_path, mmap_mode="r", allow_pickle=False)
    cache_labels = np.load(labels_path, allow_pickle=False)
    if len(images) != len(labels) or not np.array_equal(cache_labels, labels):
        raise InputError(f"{predictions}: rows do not match {labels_path} (count or order); "
                         "the cache changed since training, rerun the train stage")

    expl = explain(loaded, images, labels, ids["image_id"].tolist(), per_class=p.per_class, seed=p.seed,
                   temperature=temperature, target=p.target, expected_logits=logits, where=str(predictions))

    title = (f"{arch}: Grad-CAM for the {p.target} class\n"
             f"probabilities temperature-scaled (T = {temperature:.2f})")
    save_grid(expl, loaded.classes, files.gradcam_png, title=title)
    summary = randomisation_check(loaded, images, labels, n_images=p.sanity_images, seed=p.seed,
                                  target=p.target)
    write_json(files.gradcam_json, summary)
    print(f"gradcam {arch}: trained vs randomised-weights CAM Spearman rho mean "
          f"{summary['rank_correlation_mean']:.3f}, median {summary['rank_correlation_median']:.3f} "
          f"over {summary['n_images'] - summary['n_undefined']} of {summary['n_images']} images")


if __name__ == "__main__":
    run_stage(main)
