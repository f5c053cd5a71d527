"""Batch augmentation keeps shape and range, and its randomness is per image."""

from __future__ import annotations

import torch

from medrepro.train.augment import AugmentConfig, augment_batch, normalise, to_float_nchw

OFF = dict(hflip=0.0, vflip=0.0, rotation_degrees=0.0, brightness=0.0, contrast=0.0, saturation=0.0)


def batch(n=8, size=16) -> torch.Tensor:
    g = torch.Generator().manual_seed(0)
    return torch.randint(0, 256, (n, size, size, 3), dtype=torch.uint8, generator=g)


def test_to_float_resizes_and_scales():
    x = to_float_nchw(batch(size=20), 12)
    assert x.shape == (8, 3, 12, 12) and 0 <= x.min() and x.max() <= 1


def test_no_augmentation_is_identity():
    x = to_float_nchw(batch(), 16)
    assert torch.equal(augment_batch(x.clone(), AugmentConfig(**OFF)), x)


def test_certain_flip_flips_every_image():
    x = to_float_nchw(batch(), 16)
    out = augment_batch(x.clone(), AugmentConfig(**{**OFF, "hflip": 1.0}))
    assert torch.equal(out, x.flip(-1))


def test_random_ops_differ_per_image_and_keep_range():
    x = to_float_nchw(batch(n=1), 16).repeat(16, 1, 1, 1)
    torch.manual_seed(0)
    out = augment_batch(x.clone(), AugmentConfig())
    assert out.shape == x.shape and out.min() >= 0 and out.max() <= 1
    distinct = {tuple(img.flatten()[:50].tolist()) for img in out}
    assert len(distinct) > 8


def test_seeded_augmentation_is_reproducible():
    x = to_float_nchw(batch(), 16)
    torch.manual_seed(5)
    a = augment_batch(x.clone(), AugmentConfig())
    torch.manual_seed(5)
    assert torch.equal(a, augment_batch(x.clone(), AugmentConfig()))


def test_normalise_matches_torchvision():
    from torchvision.transforms.functional import normalize

    x = to_float_nchw(batch(), 16)
    mean, std = [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]
    assert torch.allclose(normalise(x, mean, std), normalize(x, mean, std))
