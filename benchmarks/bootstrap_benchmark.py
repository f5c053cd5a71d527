"""Seconds per lesion-clustered bootstrap, per evaluation stage's workload, on synthetic predictions.

Target: each stage's bootstrap work (1,000 replicates over the sample's ~300 test images) well under
2 s on one CPU core; "subgroups" also includes fairlearn's MetricFrame point metrics for every attribute
(about half of its time). Prints one JSON object; no timing assertions live in the tests.

    PYTHONPATH=src python benchmarks/bootstrap_benchmark.py --n-test 300 --n-val 60 --resamples 1000
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from medrepro.evaluate.significance import delong_test, mcnemar_test, paired_bootstrap_difference  # noqa: E402
from medrepro.evaluate.subgroups import assign_groups, subgroup_report  # noqa: E402
from medrepro.evaluate.thresholds import auc_ci, bootstrap_ci, operating_point_ci  # noqa: E402
from medrepro.report.comparison import bootstrap_classification_ci  # noqa: E402

TARGET_S = 2.0


def _split(n: int, rng: np.random.Generator):
    lesions = np.repeat(np.arange(n), rng.choice([1, 1, 2, 3], size=n))[:n]
    labels = rng.choice(7, size=n, p=[0.05, 0.1, 0.1, 0.05, 0.2, 0.45, 0.05])
    logits = rng.normal(size=(n, 7))
    logits[np.arange(n), labels] += 2.0
    probs = np.exp(logits) / np.exp(logits).sum(1, keepdims=True)
    return lesions.astype(str), labels, probs


def _time(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n-test", type=int, default=300)
    parser.add_argument("--n-val", type=int, default=60)
    parser.add_argument("--resamples", type=int, default=1000)
    args = parser.parse_args(argv)
    rng = np.random.default_rng(0)
    vl, vy, vp = _split(args.n_val, rng)
    tl, ty, tp = _split(args.n_test, rng)
    vs, ts, vpos, tpos = vp[:, 4], tp[:, 4], (vy == 4).astype(int), (ty == 4).astype(int)
    b = args.resamples
    import pandas as pd

    meta = pd.DataFrame({"sex": rng.choice(["male", "female"], args.n_test), "age": rng.uniform(10, 90, args.n_test),
                         "localization": rng.choice(["back", "face", "trunk"], args.n_test),
                         "dx_type": rng.choice(["histo", "follow_up"], args.n_test)})
    groups, orders = assign_groups(meta, [30, 50, 70], 5)
    correct_a, correct_b = tp.argmax(1) == ty, np.roll(tp.argmax(1) == ty, 3)
    seconds = {
        "threshold": _time(lambda: (auc_ci(ts, tpos, tl, b), bootstrap_ci(ts, tpos, 0.5, tl, b),
                                    operating_point_ci(vs, vpos, vl, ts, tpos, tl, target_specificity=0.95,
                                                       n_resamples=b),
                                    operating_point_ci(vs, vpos, vl, ts, tpos, tl, target_sensitivity=0.9,
                                                       n_resamples=b))),
        "compare": _time(lambda: bootstrap_classification_ci(ty, tp.argmax(1), 7, tl, n_resamples=b)),
        "subgroups": _time(lambda: subgroup_report(groups, orders, tp, ty, tl, 4, 0.3, "mel", n_resamples=b)),
        "significance_pair": _time(lambda: (mcnemar_test(correct_a, correct_b, tl),
                                            delong_test(ts, np.roll(ts, 5), tpos, tl),
                                            paired_bootstrap_difference(correct_a, correct_b, tl, b))),
    }
    print(json.dumps({"n_test": args.n_test, "n_val": args.n_val, "resamples": b, "target_s": TARGET_S,
                      "load_1min": round(os.getloadavg()[0], 2), "cores": os.cpu_count(),
                      "seconds": {k: round(v, 4) for k, v in seconds.items()},
                      "met": all(v < TARGET_S for v in seconds.values())}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
