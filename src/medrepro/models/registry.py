"""The one place that knows architectures: any timm classification model by name, plus the thesis's aliases.

Nothing here lists models: a name is checked against timm's registry, and what Grad-CAM needs (the target
layer and how to turn its activation into B×C×H×W) is derived from the built model. timm's `feature_info`
names each model's feature stages; the last one is the deepest spatial map. Token models (ViT, DeiT, BEiT,
EVA, CaiT) use their last block's `norm1` instead: with class-token pooling the last block's output patch
tokens never reach the logits, so their gradients, and the CAM, would be zero. Their tokens lose the
prefix (class/distillation/register) tokens and fold into the patch grid; NHWC models (Swin, MambaOut)
are permuted. A per-model override (`train_arch.<name>.gradcam_layer`, `gradcam_reshape`) covers the rest.
"""

from __future__ import annotations

import difflib
import functools
import inspect
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import torch
from torch import nn

from medrepro.errors import ParamsError

THESIS = ("resnet50", "efficientnet_b3", "densenet121", "vit_b_16")
ALIASES = {"vit_b_16": "vit_base_patch16_224"}  # torchvision's name for the thesis's ViT-B/16
RESHAPES = ("auto", "nchw", "nhwc", "tokens")


@dataclass(frozen=True)
class Architecture:
    """A medrepro architecture name and the timm model it builds."""

    name: str
    timm_name: str

    @property
    def takes_img_size(self) -> bool:
        """Patch-embedding models fix their grid (and position embeddings) at build time from `img_size`."""
        return _takes_img_size(self.timm_name)


def timm_name(name: str) -> str:
    return ALIASES.get(name, name)


def get_architecture(name: str) -> Architecture:
    """The architecture for a thesis alias or any timm model name; one-line ParamsError otherwise."""
    import timm

    if not isinstance(name, str) or not name:
        raise ParamsError(f"params.yaml: architecture names must be non-empty strings, got {name!r}")
    target = timm_name(name)
    if "." in target and timm.is_model(target):
        raise ParamsError(f"params.yaml: {name!r} carries a pretrained tag; list the model name "
                          f"{target.split('.')[0]!r} (starting weights come from train.pretrained_path)")
    if not timm.is_model(target):
        close = difflib.get_close_matches(name, [*ALIASES, *timm.list_models()], n=5, cutoff=0.6)
        hint = f"; did you mean {', '.join(close)}?" if close else "; see timm.list_models()"
        raise ParamsError(f"params.yaml: unknown architecture {name!r}: not a timm model name or one of "
                          f"{list(THESIS)}{hint}")
    return Architecture(name, target)


ARCHITECTURES: dict[str, Architecture] = {n: Architecture(n, timm_name(n)) for n in THESIS}
"""The thesis's four, for callers that need a known set (weight guessing, the throughput benchmark)."""


@functools.cache
def _takes_img_size(name: str) -> bool:
    """Whether the model class's constructor (through any **kwargs chain) has an `img_size` parameter."""
    import timm

    with torch.device("meta"):
        cls = type(timm.create_model(name, pretrained=False))
    for klass in cls.__mro__:
        if "__init__" not in vars(klass):
            continue
        params = inspect.signature(klass.__init__).parameters
        if "img_size" in params:
            return True
        if not any(p.kind is p.VAR_KEYWORD for p in params.values()):
            return False
    return False


def create_model(name: str, num_classes: int, image_size: int, *, pretrained: bool = False,
                 pretrained_path: str | None = None, model_kwargs: dict[str, Any] | None = None,
                 where: str = "train.pretrained_path") -> nn.Module:
    """Build a timm model; `pretrained_path` starts it from a local safetensors file, `pretrained` from timm's
    hub weights (cached, or downloaded while the hub answers). `model.starting_weights` records which."""
    import timm

    from medrepro.models.weights import load_pretrained, resolve_pretrained

    arch = get_architecture(name)
    kwargs = dict(model_kwargs or {})
    if arch.takes_img_size:
        kwargs.setdefault("img_size", image_size)
    info = resolve_pretrained(name, arch.timm_name, pretrained=pretrained, pretrained_path=pretrained_path,
                              where=where)
    try:
        model = timm.create_model(arch.timm_name, pretrained=False, num_classes=num_classes, **kwargs)
    except (TypeError, ValueError, AssertionError) as exc:
        first = (str(exc).splitlines() or [exc.__class__.__name__])[0]
        raise ParamsError(f"params.yaml: {name} ({arch.timm_name}) cannot be built at {image_size} px with "
                          f"model_kwargs {model_kwargs or {}}: {first}") from exc
    if info is not None:
        load_pretrained(model, name, arch.timm_name, info)
    model.starting_weights = info
    _zero_init_head(model)
    return model


def _zero_init_head(model: nn.Module) -> None:
    """Start from uniform predictions: a new head for 7 classes with an init scaled for 1000 (EfficientNet's)
    gives logits of magnitude ~8 and a loss far above ln(7) that small data cannot recover from quickly."""
    heads = model.get_classifier()
    for head in heads if isinstance(heads, tuple) else (heads,):  # distilled models: class and distillation heads
        if isinstance(head, nn.Linear):
            nn.init.zeros_(head.weight)
            nn.init.zeros_(head.bias)


def normalisation(model: nn.Module) -> tuple[list[float], list[float]]:
    """The mean/std the architecture's pretrained weights expect (from timm's pretrained config)."""
    cfg = getattr(model, "pretrained_cfg", {}) or {}
    mean = list(cfg.get("mean", (0.485, 0.456, 0.406)))
    std = list(cfg.get("std", (0.229, 0.224, 0.225)))
    return mean, std


@dataclass(frozen=True)
class CamTarget:
    """Where Grad-CAM hooks a model (a dotted module path) and what layout that module's output has."""

    layer: str
    reshape: str  # nchw | nhwc | tokens


def _override_hint(name: str) -> str:
    return f"set train_arch.{name}.gradcam_layer (a dotted module path) and, if needed, gradcam_reshape"


def _token_model(model: nn.Module, path: str) -> bool:
    """ViT-style: a patch embedding, prefix tokens, and `path` inside the flat `blocks` list."""
    return path.startswith("blocks.") and hasattr(model, "num_prefix_tokens") and hasattr(model, "patch_embed")


def _layout(model: nn.Module, path: str) -> str:
    if _token_model(model, path):
        return "tokens"
    return "nhwc" if str(getattr(model, "output_fmt", "NCHW")).upper().endswith("NHWC") else "nchw"


def _submodule(model: nn.Module, path: str, name: str) -> nn.Module:
    try:
        return model.get_submodule(path)
    except AttributeError:
        names = [n for n, _ in model.named_modules() if n]
        close = difflib.get_close_matches(path, names, n=3, cutoff=0.5)
        hint = f"; close: {', '.join(close)}" if close else ""
        raise ParamsError(f"params.yaml: train_arch.{name}.gradcam_layer={path!r} is not a module of "
                          f"{type(model).__name__}{hint}") from None


def cam_target(model: nn.Module, name: str, layer: str = "", reshape: str = "auto") -> CamTarget:
    """The Grad-CAM target: the override when given, else derived from timm's feature_info (see the module doc)."""
    if reshape not in RESHAPES:
        raise ParamsError(f"params.yaml: train_arch.{name}.gradcam_reshape={reshape!r}; choose from {list(RESHAPES)}")
    if not layer:
        info = getattr(model, "feature_info", None)
        if not isinstance(info, Sequence) or not info or not isinstance(info[-1], dict) or "module" not in info[-1]:
            raise ParamsError(f"{name}: {type(model).__name__} has no timm feature_info to find a Grad-CAM layer; "
                              f"{_override_hint(name)}")
        layer = str(info[-1]["module"])
        try:
            block = model.get_submodule(layer)
        except AttributeError:
            raise ParamsError(f"{name}: timm's feature_info names {layer!r}, which {type(model).__name__} lacks; "
                              f"{_override_hint(name)}") from None
        if isinstance(block, nn.ModuleList) and len(block):  # a container forward() loops over: never called
            layer, block = f"{layer}.{len(block) - 1}", block[-1]
        norm1 = getattr(block, "norm1", None)
        if _token_model(model, layer) and layer.count(".") == 1 and isinstance(norm1, nn.Module):
            layer = f"{layer}.norm1"
    _submodule(model, layer, name)
    return CamTarget(layer, _layout(model, layer) if reshape == "auto" else reshape)


def resolve_cam_target(name: str, num_classes: int, image_size: int, model_kwargs: dict[str, Any] | None,
                       layer: str = "", reshape: str = "auto") -> CamTarget:
    """cam_target for a configuration, checked by a forward pass on the meta device (shapes only: no memory,
    no weights, no time), so training fails before it starts when the layer or its layout is wrong."""
    with torch.device("meta"):
        model = create_model(name, num_classes, image_size, model_kwargs=model_kwargs)
        model.eval()
    target = cam_target(model, name, layer, reshape)
    module, transform = cam_hook(model, target, name, (image_size, image_size))
    seen: list[torch.Tensor] = []
    handle = module.register_forward_hook(lambda m, i, o: seen.append(o))
    try:
        with torch.no_grad():
            model(torch.empty(1, 3, image_size, image_size, device="meta"))
    except (NotImplementedError, RuntimeError):  # an op without a meta kernel: checked when Grad-CAM runs
        return target
    finally:
        handle.remove()
    if not seen or not isinstance(seen[0], torch.Tensor):
        raise ParamsError(f"{name}: Grad-CAM layer {target.layer!r} does not run in forward() or returns no "
                          f"tensor; {_override_hint(name)}")
    if transform is not None:
        transform(seen[0])
    return target


def _token_grid(model: nn.Module, n_tokens: int, input_hw: tuple[int, int]) -> tuple[int, int]:
    """The patch grid for this input: dynamic_img_size models follow the input, others keep their build grid."""
    embed = getattr(model, "patch_embed", None)
    dynamic = getattr(model, "dynamic_img_size", False) or getattr(embed, "dynamic_img_size", False)
    if dynamic and hasattr(embed, "dynamic_feat_size"):
        return tuple(embed.dynamic_feat_size(tuple(input_hw)))
    grid = getattr(embed, "grid_size", None)
    if grid is not None:
        return int(grid[0]), int(grid[1])
    side = math.isqrt(n_tokens)  # no grid recorded: a square grid plus fewer than 2*side+1 prefix tokens
    return side, side


def cam_hook(model: nn.Module, target: CamTarget, name: str,
             input_hw: tuple[int, int]) -> tuple[nn.Module, Callable[[torch.Tensor], torch.Tensor] | None]:
    """The module to hook and grad-cam's reshape_transform (None when the output already is B×C×H×W)."""
    module = _submodule(model, target.layer, name)

    def wrong(act: torch.Tensor) -> ParamsError:
        return ParamsError(f"{name}: Grad-CAM layer {target.layer!r} gives a {tuple(act.shape)} activation, not "
                           f"{target.reshape}; {_override_hint(name)}")

    if target.reshape == "nchw":
        def check(act: torch.Tensor) -> torch.Tensor:
            if act.ndim != 4:
                raise wrong(act)
            return act
        return module, check
    if target.reshape == "nhwc":
        def permute(act: torch.Tensor) -> torch.Tensor:
            if act.ndim != 4:
                raise wrong(act)
            return act.permute(0, 3, 1, 2)
        return module, permute

    def fold(tokens: torch.Tensor) -> torch.Tensor:
        if tokens.ndim != 3:
            raise wrong(tokens)
        gh, gw = _token_grid(model, tokens.shape[1], input_hw)
        prefix = tokens.shape[1] - gh * gw  # class/distillation/register tokens; 0 where blocks see patches only
        if gh * gw == 0 or not 0 <= prefix <= getattr(model, "num_prefix_tokens", 2 * gh + 1):
            raise wrong(tokens)
        patches = tokens[:, prefix:, :]
        return patches.reshape(tokens.shape[0], gh, gw, tokens.shape[2]).permute(0, 3, 1, 2)
    return module, fold
