"""Which hardware a run uses: CUDA, then Apple MPS, then CPU; precisions the device lacks; loader workers per core.

Training, prediction and the app all ask here, so a MacBook trains on its GPU instead of silently on the CPU, and a
thesis profile written for a 16-core box does not oversubscribe a 2-core laptop. torch is imported inside the
functions that need it, so image decoding can size its pool without loading torch.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from medrepro.errors import ParamsError

if TYPE_CHECKING:
    import torch

_capped: set[tuple[int, int]] = set()


def mps_available() -> bool:
    import torch

    mps = getattr(torch.backends, "mps", None)
    return bool(mps is not None and mps.is_available())


def auto_kind() -> str:
    """cuda if a CUDA GPU is usable, else mps (Apple silicon), else cpu."""
    import torch

    if torch.cuda.is_available():
        return "cuda"
    if mps_available():
        return "mps"
    return "cpu"


def pick_device(device: str = "auto") -> torch.device:
    """`--device auto|cpu|cuda[:N]|mps` -> a torch device that exists here, or a ParamsError saying what does."""
    import torch

    if device == "auto":
        return torch.device(auto_kind())
    if device.startswith("cuda") and not torch.cuda.is_available():
        raise ParamsError(f"--device {device}: CUDA is not available on this machine; use {auto_kind()} or auto")
    if device.startswith("mps") and not mps_available():
        raise ParamsError(f"--device {device}: Apple MPS is not available on this machine; use {auto_kind()} or auto")
    try:
        return torch.device(device)
    except RuntimeError as exc:
        raise ParamsError(f"--device {device!r}: not a torch device; use auto, cpu, cuda or mps") from exc


def describe(device: torch.device | str) -> str:
    """One line naming the device, e.g. 'cuda:0 (NVIDIA H200)', 'mps (Apple GPU)', 'cpu (no CUDA or MPS GPU found)'."""
    import torch

    device = torch.device(device)
    if device.type == "cuda":
        index = device.index if device.index is not None else torch.cuda.current_device()
        return f"cuda:{index} ({torch.cuda.get_device_name(index)})"
    if device.type == "mps":
        return "mps (Apple GPU)"
    if device.type == "cpu":
        return "cpu" if auto_kind() != "cpu" else "cpu (no CUDA or MPS GPU found)"
    return str(device)


def bf16_supported(kind: str) -> bool:
    """bf16 autocast: any CPU; CUDA from Ampere on (native, not emulated); MPS from macOS 14."""
    import torch

    if kind == "cuda":
        return torch.cuda.is_bf16_supported(including_emulation=False)
    if kind == "mps":
        return torch.backends.mps.is_macos_or_newer(14, 0)
    return True


def usable_precision(mixed_precision: str, kind: str) -> tuple[str, str | None]:
    """(the precision to train in, the warning to show when that is not the one asked for)."""
    if mixed_precision == "bf16" and not bf16_supported(kind):
        return "no", (f"warning: {kind} here has no bf16 support (train.mixed_precision: bf16); training in fp32 "
                      "instead. Set mixed_precision: fp16 for half precision on this device, or no to silence this")
    if mixed_precision == "fp16" and kind == "cpu":
        return "no", ("warning: fp16 mixed precision needs a CUDA or MPS GPU; training in fp32 on cpu. "
                      "Set mixed_precision: bf16 (supported on CPU) or no to silence this")
    return mixed_precision, None


def available_cpus() -> int:
    """CPUs this process may run on (its affinity mask, as taskset/cgroups set it), not all the machine has."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS has no affinity API
        return os.cpu_count() or 1


def cap_loader_workers(requested: int) -> int:
    """DataLoader workers, at most one per available CPU; says once per process when it lowers the count."""
    cap = available_cpus()
    if requested <= cap:
        return requested
    if (requested, cap) not in _capped:
        _capped.add((requested, cap))
        print(f"loader workers: {requested} requested, capped at {cap} (the CPUs available to this process)",
              flush=True)
    return cap
