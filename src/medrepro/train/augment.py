"""Batch augmentation on device tensors: no per-image Python, no JPEG decode, runs on the GPU when there is one."""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
import torch.nn.functional as F


@dataclass(frozen=True)
class AugmentConfig:
    hflip: float = 0.5
    vflip: float = 0.5
    rotation_degrees: float = 180.0
    brightness: float = 0.2
    contrast: float = 0.2
    saturation: float = 0.2


def to_float_nchw(images: torch.Tensor, image_size: int) -> torch.Tensor:
    """uint8 N×H×W×C -> float N×C×H×W in [0,1], resized (antialiased) when the cache size differs."""
    x = images.permute(0, 3, 1, 2).float().div_(255.0)
    if x.shape[-1] != image_size or x.shape[-2] != image_size:
        x = F.interpolate(x, size=(image_size, image_size), mode="bilinear", antialias=True, align_corners=False)
    return x


def augment_batch(x: torch.Tensor, cfg: AugmentConfig) -> torch.Tensor:
    """Random flips, rotation and colour jitter, drawn per image, applied to the whole batch at once."""
    n, dev = x.shape[0], x.device

    def draw(shape=(n,)) -> torch.Tensor:
        return torch.rand(shape, device=dev)

    if cfg.hflip > 0:
        x = torch.where((draw() < cfg.hflip).view(n, 1, 1, 1), x.flip(-1), x)
    if cfg.vflip > 0:
        x = torch.where((draw() < cfg.vflip).view(n, 1, 1, 1), x.flip(-2), x)
    if cfg.rotation_degrees > 0:
        angle = (draw() * 2 - 1) * math.radians(cfg.rotation_degrees)
        cos, sin = torch.cos(angle), torch.sin(angle)
        zeros = torch.zeros_like(cos)
        theta = torch.stack([torch.stack([cos, -sin, zeros], 1), torch.stack([sin, cos, zeros], 1)], 1)
        grid = F.affine_grid(theta, list(x.shape), align_corners=False)
        x = F.grid_sample(x, grid, mode="bilinear", padding_mode="reflection", align_corners=False)
    if cfg.brightness > 0:
        x = x * (1 + (draw() * 2 - 1) * cfg.brightness).view(n, 1, 1, 1)
    if cfg.contrast > 0:
        mean = x.mean(dim=(1, 2, 3), keepdim=True)
        x = (x - mean) * (1 + (draw() * 2 - 1) * cfg.contrast).view(n, 1, 1, 1) + mean
    if cfg.saturation > 0:
        grey = (0.299 * x[:, 0:1] + 0.587 * x[:, 1:2] + 0.114 * x[:, 2:3])
        x = (x - grey) * (1 + (draw() * 2 - 1) * cfg.saturation).view(n, 1, 1, 1) + grey
    return x.clamp_(0.0, 1.0)


def normalise(x: torch.Tensor, mean: list[float], std: list[float]) -> torch.Tensor:
    m = torch.tensor(mean, device=x.device, dtype=x.dtype).view(1, 3, 1, 1)
    s = torch.tensor(std, device=x.device, dtype=x.dtype).view(1, 3, 1, 1)
    return (x - m) / s
