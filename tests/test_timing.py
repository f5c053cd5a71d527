"""The cost dict both note stages write (train/timing.py): its names, throughput and memory readings."""

from __future__ import annotations

import math
import resource

import pytest
import torch
from metric_names import Vocabulary

from medrepro.train.loop import FitResult
from medrepro.train.timing import peak_memory_mb, reset_peak_memory, run_timing


def result(train_time_s: float, samples: int, resumed: int = 0) -> FitResult:
    return FitResult(history=[], best_epoch=1, best_metric=0.5, train_time_s=train_time_s, train_samples=samples,
                     model=torch.nn.Identity(), resumed_from_epoch=resumed)


@pytest.mark.parametrize("throughput", ["notes_per_s", "masked_tokens_per_s"])
def test_timing_names_throughput_and_cpu_memory(throughput):
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    timing = run_timing(result(4.0, 10, resumed=2), torch.device("cpu"), throughput)
    assert set(timing) == {"train_time_s", throughput, "peak_memory_mb", "peak_memory_source", "resumed_from_epoch"}
    assert timing["train_time_s"] == 4.0 and timing[throughput] == 2.5 and timing["resumed_from_epoch"] == 2
    assert timing["peak_memory_source"] == "process_peak_rss"
    assert before <= timing["peak_memory_mb"] <= resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    assert Vocabulary().unknown(timing) == []
    assert math.isnan(run_timing(result(0.0, 10), torch.device("cpu"), throughput)[throughput])


@pytest.mark.gpu
def test_gpu_peak_is_the_allocators_since_reset():
    device = torch.device("cuda")
    big = torch.empty(64 * 2**20, dtype=torch.uint8, device=device)  # 64 MiB
    del big
    reset_peak_memory(device)
    small = torch.empty(2**20, dtype=torch.uint8, device=device)
    mb, source = peak_memory_mb(device)
    assert source == "cuda_max_memory_allocated" and 1 <= mb < 64, mb
    del small
