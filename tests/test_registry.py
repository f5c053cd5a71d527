"""Every architecture builds through timm, and the registry knows its Grad-CAM layer."""

from __future__ import annotations

import pytest
import torch

from medrepro.errors import ParamsError
from medrepro.models.registry import ARCHITECTURES, create_model, get_architecture, normalisation

TINY = {
    "resnet50": {"channels": [8, 16, 32, 64], "stem_width": 8},
    "efficientnet_b3": {},
    "densenet121": {"growth_rate": 8, "block_config": [1, 1, 1, 1]},
    "vit_b_16": {"depth": 1, "embed_dim": 48, "num_heads": 2},
}


@pytest.mark.parametrize("name", sorted(ARCHITECTURES))
def test_builds_predicts_and_exposes_cam_layer(name):
    model = create_model(name, num_classes=7, image_size=32, model_kwargs=TINY[name]).eval()
    x = torch.randn(2, 3, 32, 32)
    captured = {}
    layer = get_architecture(name).cam_layers(model)[0]
    layer.register_forward_hook(lambda m, i, o: captured.setdefault("out", o))
    with torch.no_grad():
        logits = model(x)
    assert logits.shape == (2, 7)
    assert torch.allclose(logits, torch.zeros_like(logits)), "new heads start at uniform predictions"
    reshape = get_architecture(name).cam_reshape(model)
    activation = reshape(captured["out"]) if reshape else captured["out"]
    assert activation.ndim == 4 and activation.shape[0] == 2
    mean, std = normalisation(model)
    assert len(mean) == len(std) == 3


def test_vit_reshape_drops_class_token():
    model = create_model("vit_b_16", 7, 48, model_kwargs=TINY["vit_b_16"])
    tokens = torch.randn(2, 1 + 9, 48)
    assert get_architecture("vit_b_16").cam_reshape(model)(tokens).shape == (2, 48, 3, 3)


def test_unknown_architecture_and_unsafe_weights():
    with pytest.raises(ParamsError, match="unknown architecture 'alexnet'"):
        get_architecture("alexnet")
    with pytest.raises(ParamsError, match="only .safetensors"):
        create_model("resnet50", 7, 32, pretrained_path="weights.pth")
