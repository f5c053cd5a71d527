"""Any timm model name builds, and its Grad-CAM layer and activation layout are derived from the model."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch
import yaml

from medrepro.errors import ParamsError
from medrepro.models.registry import (
    ARCHITECTURES,
    THESIS,
    cam_hook,
    cam_target,
    create_model,
    get_architecture,
    normalisation,
    resolve_cam_target,
)
from medrepro.train.images import ImageTrainConfig

TINY = yaml.safe_load((Path(__file__).with_name("tiny_architectures.yaml")).read_text())
SIZE = 64
# name -> (derived layer, layout, map channels, map side at 64 px)
EXPECTED = {
    "resnet50": ("layer4", "nchw", 256, 2),
    "efficientnet_b3": ("blocks.6", "nchw", 384, 2),
    "densenet121": ("features.norm5", "nchw", None, 2),
    "vit_b_16": ("blocks.0.norm1", "tokens", 32, 4),
    "convnext_tiny": ("stages.3", "nchw", 64, 2),
    "swin_tiny_patch4_window7_224": ("layers.3", "nhwc", 128, 2),
    "deit_tiny_distilled_patch16_224": ("blocks.0.norm1", "tokens", 32, 4),
    "cait_xxs24_224": ("blocks.0.norm1", "tokens", 32, 4),
    "mambaout_femto": ("stages.3", "nhwc", 64, 2),
    "test_maxvit": ("stages.3", "nchw", None, 2),
    "coat_lite_tiny": ("serial_blocks4.0.norm1", "tokens", 32, 2),
}


def _build(name: str) -> tuple[torch.nn.Module, dict]:
    entry = TINY[name]
    return create_model(name, 7, SIZE, model_kwargs=entry.get("model_kwargs")).eval(), entry


def _activation(model, target, name, x):
    module, transform = cam_hook(model, target, name, tuple(x.shape[-2:]))
    store = {}
    handle = module.register_forward_hook(lambda m, i, o: store.update(out=o))
    try:
        with torch.no_grad():
            logits = model(x)
    finally:
        handle.remove()
    return logits, store["out"], transform(store["out"]) if transform else store["out"]


def test_every_tiny_config_is_checked():
    assert set(TINY) == set(EXPECTED) and set(THESIS) <= set(TINY)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_builds_and_derived_cam_layer_gives_a_bchw_map(name):
    model, entry = _build(name)
    target = cam_target(model, name, entry.get("gradcam_layer", ""), entry.get("gradcam_reshape", "auto"))
    layer, layout, channels, side = EXPECTED[name]
    assert (target.layer, target.reshape) == (layer, layout)
    logits, raw, act = _activation(model, target, name, torch.randn(2, 3, SIZE, SIZE))
    assert logits.shape == (2, 7)
    assert torch.allclose(logits, torch.zeros_like(logits)), "new heads start at uniform predictions"
    assert act.ndim == 4 and act.shape[0] == 2 and act.shape[2:] == (side, side)
    if channels is not None:
        assert act.shape[1] == channels
    if layout == "tokens":  # prefix tokens dropped, patches kept in grid order
        assert torch.equal(act[:, :, 0, 1], raw[:, raw.shape[1] - side * side + 1, :])
    mean, std = normalisation(model)
    assert len(mean) == len(std) == 3


def test_aliases_and_any_timm_name():
    assert get_architecture("vit_b_16").timm_name == "vit_base_patch16_224"
    for name in ("resnet50", "efficientnet_b3", "densenet121"):
        assert get_architecture(name).timm_name == name
    assert set(ARCHITECTURES) == set(THESIS)
    assert get_architecture("convnext_tiny").timm_name == "convnext_tiny"
    assert get_architecture("vit_b_16").takes_img_size
    assert get_architecture("swin_tiny_patch4_window7_224").takes_img_size
    assert get_architecture("deit_tiny_distilled_patch16_224").takes_img_size  # through its **kwargs to ViT
    assert not get_architecture("resnet50").takes_img_size and not get_architecture("convnext_tiny").takes_img_size


def test_unknown_name_is_one_line_with_close_matches():
    with pytest.raises(ParamsError, match="unknown architecture 'convnext_tiyn'") as exc:
        get_architecture("convnext_tiyn")
    assert "convnext_tiny" in str(exc.value) and "\n" not in str(exc.value)
    with pytest.raises(ParamsError, match="unknown architecture 'alexnet'"):
        get_architecture("alexnet")
    with pytest.raises(ParamsError, match="pretrained tag"):
        get_architecture("resnet50.a1_in1k")
    with pytest.raises(ParamsError, match="only .safetensors"):
        create_model("resnet50", 7, 32, pretrained_path="weights.pth")


def test_unbuildable_kwargs_are_a_params_error():
    with pytest.raises(ParamsError, match=r"convnext_tiny \(convnext_tiny\) cannot be built at 64 px"):
        create_model("convnext_tiny", 7, SIZE, model_kwargs={"no_such_kwarg": 1})


def test_override_layer_and_layout():
    model, _ = _build("resnet50")
    target = cam_target(model, "resnet50", "layer3")
    _, _, act = _activation(model, target, "resnet50", torch.randn(1, 3, SIZE, SIZE))
    assert target.layer == "layer3" and act.shape[2:] == (4, 4)
    with pytest.raises(ParamsError, match=r"'layer5' is not a module of ResNet; close: layer\d") as exc:
        cam_target(model, "resnet50", "layer5")
    assert "train_arch.resnet50.gradcam_layer" in str(exc.value)
    with pytest.raises(ParamsError, match="gradcam_reshape='nhcw'"):
        cam_target(model, "resnet50", reshape="nhcw")


def test_wrong_layout_names_the_override():
    """CoaT's derived target (the last serial block, nchw) gives tokens: the error says what to set."""
    model, _ = _build("coat_lite_tiny")
    target = cam_target(model, "coat_lite_tiny")
    assert target == type(target)("serial_blocks4.0", "nchw")
    with pytest.raises(ParamsError, match=r"gives a \(1, 5, 32\) activation, not nchw; set "
                                          r"train_arch.coat_lite_tiny.gradcam_layer"):
        _activation(model, target, "coat_lite_tiny", torch.randn(1, 3, SIZE, SIZE))


def test_dynamic_img_size_grid_follows_the_input():
    model = create_model("vit_b_16", 7, SIZE, model_kwargs={**TINY["vit_b_16"]["model_kwargs"],
                                                             "dynamic_img_size": True}).eval()
    target = cam_target(model, "vit_b_16")
    _, _, act = _activation(model, target, "vit_b_16", torch.randn(1, 3, 96, 96))
    assert act.shape == (1, 32, 6, 6)


def test_meta_resolution_matches_the_built_model_and_checks_the_layout():
    for name in ("vit_b_16", "swin_tiny_patch4_window7_224", "coat_lite_tiny"):
        model, entry = _build(name)
        args = entry.get("gradcam_layer", ""), entry.get("gradcam_reshape", "auto")
        assert resolve_cam_target(name, 7, SIZE, entry.get("model_kwargs"), *args) == cam_target(model, name, *args)
    kwargs = TINY["coat_lite_tiny"]["model_kwargs"]
    with pytest.raises(ParamsError, match=r"'serial_blocks4.0' gives a \(1, 5, 32\) activation, not nchw"):
        resolve_cam_target("coat_lite_tiny", 7, SIZE, kwargs)  # before any training: no weights are built
    with pytest.raises(ParamsError, match="'serial_blocks4' does not run in forward"):
        resolve_cam_target("coat_lite_tiny", 7, SIZE, kwargs, "serial_blocks4", "tokens")


def test_shared_train_params_apply_without_a_train_arch_entry():
    params = {"train": {"lr": 0.002, "epochs": 3, "model_kwargs": {}},
              "train_arch": {"resnet50": {"lr": 0.01, "gradcam_layer": "layer3"}}}
    cfg = ImageTrainConfig.from_params(params, "convnext_tiny")
    assert (cfg.arch, cfg.lr, cfg.epochs, cfg.gradcam_layer, cfg.gradcam_reshape) == (
        "convnext_tiny", 0.002, 3, "", "auto")
    assert ImageTrainConfig.from_params({"train": {"lr": 0.002}}, "convnext_tiny").lr == 0.002
    res = ImageTrainConfig.from_params(params, "resnet50")
    plain = ImageTrainConfig.from_params({**params, "train_arch": {"resnet50": {"lr": 0.01}}}, "resnet50")
    assert res.gradcam_layer == "layer3" and res.fingerprint("d") == plain.fingerprint("d")  # no retraining
    with pytest.raises(ParamsError, match="gradcam_reshape='grid'"):
        ImageTrainConfig.from_params({"train_arch": {"resnet50": {"gradcam_reshape": "grid"}}}, "resnet50")
    with pytest.raises(ParamsError, match="unknown architecture 'resnet5'"):
        ImageTrainConfig.from_params(params, "resnet5")
