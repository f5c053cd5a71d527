"""Deterministic synthetic HAM10000-style sample: real layout, learnable but imperfect signal, no real data."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from PIL import Image, ImageDraw, ImageFilter

from medrepro.data.ham10000 import CLASSES, METADATA_FILE
from medrepro.io import atomic_path, write_csv

# Lesions per class: imbalanced like HAM10000 (nv dominant) but with enough lesions per class to split.
SAMPLE_LESIONS = {"nv": 64, "mel": 44, "bkl": 24, "bcc": 18, "akiec": 15, "vasc": 14, "df": 14}

# Per-class appearance: RGB lesion colour, ellipse elongation, texture kind. The signal is visible
# but noisy (skin tone, size, position, jitter), so a model must learn it rather than read one pixel.
_STYLE = {
    "akiec": ((170, 80, 70), 1.0, "scales"),
    "bcc": ((200, 150, 160), 1.3, "vessels"),
    "bkl": ((150, 110, 60), 1.6, "pigmented"),
    "df": ((120, 80, 70), 1.0, "ring"),
    "mel": ((130, 90, 52), 1.2, "pigmented"),
    "nv": ((110, 70, 45), 1.0, "pigmented"),
    "vasc": ((170, 30, 60), 1.1, "lacunae"),
}
# Melanoma, nevus and keratosis share one look: a brown lesion whose darkness, dark blotches and ragged
# border all grow with a per-lesion atypia score. Melanoma's score is shifted (ATYPIA_SHIFT standard
# deviations; keratosis a little), not separate, so even a model that read the score exactly would rank
# some nevi above some melanomas: the sample cannot be solved perfectly, and a broken pipeline shows.
ATYPIA_SHIFT = {"mel": 2.3, "bkl": 0.4}
_DARK = np.array([55.0, 35.0, 32.0])
_TRAIT_STREAM = 7  # lesion traits draw from [seed, lesion number, 7], apart from the per-image [seed, i]
_LOCALIZATIONS = ["back", "lower extremity", "trunk", "upper extremity", "abdomen", "face", "chest",
                  "foot", "neck", "scalp", "hand", "ear", "genital", "acral", "unknown"]
_DX_TYPES = ["histo", "follow_up", "consensus", "confocal"]


@dataclass(frozen=True)
class Lesion:
    """What every image of one lesion shares (its images differ in skin, framing, blur and noise)."""

    colour: np.ndarray
    elong: float
    radius: float
    atypia: float
    border_phase: np.ndarray


def _draw_traits(rng: np.random.Generator, dx: str) -> Lesion:
    base, elong, texture = _STYLE[dx]
    colour = np.array(base, dtype=np.float64) + rng.integers(-20, 21, size=3)
    atypia = float(rng.normal(ATYPIA_SHIFT.get(dx, 0.0), 1.0)) if texture == "pigmented" else 0.0
    if texture == "pigmented":
        mix = float(np.clip(0.35 * (atypia - 0.5), 0.0, 0.7))  # darker with atypia, capped
        colour = (1.0 - mix) * colour + mix * _DARK
    return Lesion(colour=np.clip(colour, 0, 255), elong=elong * float(rng.uniform(0.85, 1.15)),
                  radius=float(rng.uniform(0.22, 0.34)), atypia=atypia,
                  border_phase=rng.uniform(0, 2 * np.pi, size=3))


def _outline(cx: float, cy: float, rx: float, ry: float, ragged: float, phase: np.ndarray,
             turn: float) -> list[tuple[float, float]]:
    """An ellipse whose radius wobbles by `ragged` (a fraction of it) at three angular frequencies."""
    t = np.linspace(0, 2 * np.pi, 48, endpoint=False)
    wobble = 1.0 + ragged * sum(np.sin(f * t + p) for f, p in zip((2, 3, 5), phase, strict=True)) / 3
    x, y = rx * wobble * np.cos(t), ry * wobble * np.sin(t)
    c, s = np.cos(turn), np.sin(turn)
    return [(float(cx + c * a - s * b), float(cy + s * a + c * b)) for a, b in zip(x, y, strict=True)]


def _draw_lesion(rng: np.random.Generator, lesion: Lesion, dx: str, width: int, height: int) -> Image.Image:
    skin = np.array([225, 180, 150]) + rng.integers(-30, 20, size=3)
    img = Image.new("RGB", (width, height), tuple(int(c) for c in np.clip(skin, 0, 255)))
    draw = ImageDraw.Draw(img)
    texture = _STYLE[dx][2]
    colour = np.clip(lesion.colour + rng.integers(-8, 9, size=3), 0, 255)
    r = lesion.radius * height * float(rng.uniform(0.92, 1.08))
    cx = width / 2 + rng.uniform(-0.12, 0.12) * width
    cy = height / 2 + rng.uniform(-0.12, 0.12) * height
    rx, ry = r * lesion.elong, r
    ragged = float(np.clip(0.08 * lesion.atypia, 0.0, 0.35)) if texture == "pigmented" else 0.0
    draw.polygon(_outline(cx, cy, rx, ry, ragged, lesion.border_phase, float(rng.uniform(0, np.pi))),
                 fill=tuple(int(c) for c in colour))
    if texture == "pigmented":
        for _ in range(int(rng.poisson(max(0.0, 1.0 + 1.2 * lesion.atypia)))):
            bx, by = cx + rng.uniform(-rx, rx) * 0.6, cy + rng.uniform(-ry, ry) * 0.6
            br = rng.uniform(0.12, 0.3) * r
            shade = colour * rng.uniform(0.45, 0.8) + rng.integers(-10, 11, size=3)
            draw.ellipse([bx - br, by - br, bx + br, by + br], fill=tuple(int(c) for c in np.clip(shade, 0, 255)))
    elif texture == "vessels":
        for _ in range(4):
            pts = [(cx + rng.uniform(-rx, rx), cy + rng.uniform(-ry, ry)) for _ in range(3)]
            draw.line(pts, fill=(200, 40, 50), width=1)
    elif texture == "scales":
        for _ in range(25):
            sx, sy = cx + rng.uniform(-rx, rx) * 0.8, cy + rng.uniform(-ry, ry) * 0.8
            draw.point((sx, sy), fill=(235, 225, 215))
    elif texture == "ring":
        draw.ellipse([cx - rx * 0.5, cy - ry * 0.5, cx + rx * 0.5, cy + ry * 0.5], fill=(235, 215, 200))
    elif texture == "lacunae":
        for _ in range(5):
            lx, ly = cx + rng.uniform(-rx, rx) * 0.6, cy + rng.uniform(-ry, ry) * 0.6
            lr = 0.12 * r
            draw.ellipse([lx - lr, ly - lr, lx + lr, ly + lr], fill=(110, 10, 40))
    img = img.filter(ImageFilter.GaussianBlur(radius=float(rng.uniform(0.3, 1.0))))
    noise = rng.normal(0, 8, size=(height, width, 3))
    return Image.fromarray(np.clip(np.asarray(img, dtype=np.float64) + noise, 0, 255).astype(np.uint8))


def make_sample_metadata(seed: int = 0, lesions: dict[str, int] | None = None) -> pd.DataFrame:
    """Metadata rows in HAM10000's schema; some lesions have several images, like the real set."""
    rng = np.random.default_rng(seed)
    lesions = lesions or SAMPLE_LESIONS
    rows = []
    lesion_no, image_no = 9_100_000, 9_500_000
    for dx in CLASSES:
        for _ in range(lesions.get(dx, 0)):
            lesion_no += 1
            n_images = int(rng.choice([1, 1, 1, 2, 2, 3]))
            age = "" if rng.random() < 0.03 else str(int(rng.integers(3, 18)) * 5)
            sex = str(rng.choice(["male", "female", "unknown"], p=[0.52, 0.45, 0.03]))
            loc = str(rng.choice(_LOCALIZATIONS))
            dx_type = str(rng.choice(_DX_TYPES))
            for _ in range(n_images):
                image_no += 1
                rows.append({"lesion_id": f"HAM_{lesion_no:07d}", "image_id": f"ISIC_{image_no:07d}",
                             "dx": dx, "dx_type": dx_type, "age": age, "sex": sex, "localization": loc})
    order = rng.permutation(len(rows))
    return pd.DataFrame([rows[i] for i in order])


def lesion_traits(meta: pd.DataFrame, seed: int = 0) -> dict[str, Lesion]:
    """One seeded draw of shared traits per lesion, from (seed, lesion number): images of a lesion agree."""
    first = meta.drop_duplicates("lesion_id")
    return {lid: _draw_traits(np.random.default_rng([seed, int(lid.removeprefix("HAM_")), _TRAIT_STREAM]), dx)
            for lid, dx in zip(first["lesion_id"], first["dx"], strict=True)}


def write_sample(out_dir: str | Path, seed: int = 0, width: int = 96, height: int = 72,
                 lesions: dict[str, int] | None = None) -> pd.DataFrame:
    """Write `HAM10000_metadata.csv` and one JPEG per row into `out_dir` (replaced atomically)."""
    meta = make_sample_metadata(seed, lesions)
    traits = lesion_traits(meta, seed)
    with atomic_path(out_dir) as tmp:
        tmp.mkdir()
        for i, row in enumerate(meta.itertuples(index=False)):
            rng = np.random.default_rng([seed, i])
            img = _draw_lesion(rng, traits[row.lesion_id], row.dx, width, height)
            img.save(tmp / f"{row.image_id}.jpg", format="JPEG", quality=90)
        write_csv(tmp / METADATA_FILE, meta)
    return meta
