"""The one place that knows architectures: medrepro name -> timm name, Grad-CAM layer, token reshape."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import torch
from torch import nn

from medrepro.errors import ParamsError


def _vit_tokens_to_map(model: nn.Module) -> Callable[[torch.Tensor], torch.Tensor]:
    """Grad-CAM needs B×C×H×W: drop the class/prefix tokens and fold the patch tokens into a grid."""
    prefix = int(getattr(model, "num_prefix_tokens", 1))
    grid = tuple(model.patch_embed.grid_size)

    def reshape(tokens: torch.Tensor) -> torch.Tensor:
        patches = tokens[:, prefix:, :]
        b, n, c = patches.shape
        return patches.reshape(b, grid[0], grid[1], c).permute(0, 3, 1, 2)

    return reshape


@dataclass(frozen=True)
class Architecture:
    """How medrepro builds and explains one architecture."""

    name: str
    timm_name: str
    cam_layers: Callable[[nn.Module], list[nn.Module]]
    cam_reshape: Callable[[nn.Module], Callable[[torch.Tensor], torch.Tensor] | None] = lambda m: None
    takes_img_size: bool = False
    defaults: dict[str, Any] = field(default_factory=dict)


ARCHITECTURES: dict[str, Architecture] = {
    a.name: a
    for a in [
        Architecture("resnet50", "resnet50", lambda m: [m.layer4[-1]]),
        Architecture("efficientnet_b3", "efficientnet_b3", lambda m: [m.bn2]),
        Architecture("densenet121", "densenet121", lambda m: [m.features[-1]]),
        Architecture("vit_b_16", "vit_base_patch16_224", lambda m: [m.blocks[-1].norm1],
                     cam_reshape=_vit_tokens_to_map, takes_img_size=True),
    ]
}


def get_architecture(name: str) -> Architecture:
    if name not in ARCHITECTURES:
        raise ParamsError(f"params.yaml: unknown architecture {name!r}; choose from {sorted(ARCHITECTURES)}")
    return ARCHITECTURES[name]


def create_model(name: str, num_classes: int, image_size: int, *, pretrained: bool = False,
                 pretrained_path: str | None = None, model_kwargs: dict[str, Any] | None = None,
                 where: str = "train.pretrained_path") -> nn.Module:
    """Build a timm model; `pretrained_path` starts it from a local safetensors file, `pretrained` from timm's
    hub weights (cached, or downloaded while the hub answers). `model.starting_weights` records which."""
    import timm

    from medrepro.models.weights import load_pretrained, resolve_pretrained

    arch = get_architecture(name)
    kwargs = dict(arch.defaults)
    kwargs.update(model_kwargs or {})
    if arch.takes_img_size:
        kwargs.setdefault("img_size", image_size)
    info = resolve_pretrained(name, arch.timm_name, pretrained=pretrained, pretrained_path=pretrained_path,
                              where=where)
    model = timm.create_model(arch.timm_name, pretrained=False, num_classes=num_classes, **kwargs)
    if info is not None:
        load_pretrained(model, name, arch.timm_name, info)
    model.starting_weights = info
    _zero_init_head(model)
    return model


def _zero_init_head(model: nn.Module) -> None:
    """Start from uniform predictions: a new head for 7 classes with an init scaled for 1000 (EfficientNet's)
    gives logits of magnitude ~8 and a loss far above ln(7) that small data cannot recover from quickly."""
    head = model.get_classifier()
    if isinstance(head, nn.Linear):
        nn.init.zeros_(head.weight)
        nn.init.zeros_(head.bias)


def normalisation(model: nn.Module) -> tuple[list[float], list[float]]:
    """The mean/std the architecture's pretrained weights expect (ImageNet for all four)."""
    cfg = getattr(model, "pretrained_cfg", {}) or {}
    mean = list(cfg.get("mean", (0.485, 0.456, 0.406)))
    std = list(cfg.get("std", (0.229, 0.224, 0.225)))
    return mean, std
