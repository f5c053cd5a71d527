"""What a clinical-note training run cost (time, throughput, peak memory), one dict for both note stages.

Cost is kept apart from quality (`metrics/notes/*_timing.json` vs the metrics files), so two identical
runs differ only in these readings.
"""

from __future__ import annotations

import resource
from typing import Any

import torch

from medrepro.train.loop import FitResult


def reset_peak_memory(device: torch.device) -> None:
    """Start the GPU allocator's peak from here; on CPU the process peak cannot be reset (see peak_memory_mb)."""
    if device.type == "cuda":
        torch.cuda.reset_peak_memory_stats(device)


def peak_memory_mb(device: torch.device) -> tuple[float, str]:
    """GPU: the allocator's peak since the last reset (tensors only). CPU: the whole process's peak RSS
    (getrusage ru_maxrss, Python and libraries included, never reset), so compare runs made in
    separate processes, as DVC runs them."""
    if device.type == "cuda":
        return torch.cuda.max_memory_allocated(device) / 2**20, "cuda_max_memory_allocated"
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "process_peak_rss"


def run_timing(result: FitResult, device: torch.device, throughput: str) -> dict[str, Any]:
    """train_time_s, `throughput` (samples per second under that name: notes_per_s, masked_tokens_per_s),
    peak memory read now, and the epoch the run resumed from (docs/metrics.md)."""
    memory_mb, memory_source = peak_memory_mb(device)
    return {"train_time_s": result.train_time_s, throughput: result.samples_per_s, "peak_memory_mb": memory_mb,
            "peak_memory_source": memory_source, "resumed_from_epoch": result.resumed_from_epoch}
