"""Stage compare: all architectures side by side (metrics/comparison.json) plus test confusion records."""

from dataclasses import dataclass
from pathlib import Path

from medrepro.config import architecture_list, from_dict, load_params, run_stage, section
from medrepro.errors import ParamsError
from medrepro.io import write_csv, write_json
from medrepro.report.comparison import architecture_summary


@dataclass
class CompareParams:
    bootstrap_resamples: int = 1000
    confidence: float = 0.95
    seed: int = 42

    def __post_init__(self) -> None:
        if not 1 <= self.bootstrap_resamples <= 100_000:
            raise ParamsError("params.yaml: 'compare.bootstrap_resamples' must be in [1, 100000], "
                              f"got {self.bootstrap_resamples}")
        if not 0.0 < self.confidence < 1.0:
            raise ParamsError(f"params.yaml: 'compare.confidence' must lie strictly between 0 and 1, "
                              f"got {self.confidence}")




def main() -> None:
    params = load_params()
    p = from_dict(CompareParams, section(params, "compare"), "compare")
    comparison, confusions = {}, {}
    for arch in architecture_list(params):
        comparison[arch], confusions[arch] = architecture_summary(
            arch, n_resamples=p.bootstrap_resamples, seed=p.seed, confidence=p.confidence)
    for arch, frame in confusions.items():
        write_csv(Path("plots") / arch / "confusion.csv", frame)
    write_json(Path("metrics") / "comparison.json", comparison)
    for arch, e in comparison.items():
        print(f"{arch}: balanced accuracy {e['balanced_accuracy']:.3f} "
              f"[{e['balanced_accuracy_ci_low']:.3f}, {e['balanced_accuracy_ci_high']:.3f}], "
              f"ECE {e['ece_before']:.3f} -> {e['ece_after']:.3f}")


if __name__ == "__main__":
    run_stage(main)
