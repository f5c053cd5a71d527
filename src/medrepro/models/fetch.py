"""`medrepro fetch-weights`: every architecture's starting weights and the notes encoder in one folder.

Real weights come from the hub (a connected machine, once); `stand_in=True` builds the same shapes with random
values locally, so a rehearsal or a test exercises every file, shape and layer of the real run offline.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import torch
from tqdm.auto import tqdm

from medrepro.io import atomic_path, write_json
from medrepro.models.weights import (
    MANIFEST,
    NOTES_DIR,
    WEIGHTS_FILE,
    hub_id,
    hub_offline_reason,
    read_manifest,
    sha256_file,
)

# Bio_ClinicalBERT's shape (BERT-base, cased vocabulary): what a stand-in notes encoder is built with.
BERT_BASE = dict(vocab_size=28996, hidden_size=768, num_hidden_layers=12, num_attention_heads=12,
                 intermediate_size=3072, max_position_embeddings=512, type_vocab_size=2)


def _save_image_model(model: torch.nn.Module, arch: str, timm_name: str, source: str, out: Path) -> dict:
    from safetensors.torch import save_file

    path = out / arch / WEIGHTS_FILE
    state = {k: v.detach().cpu().contiguous() for k, v in model.state_dict().items()}
    with atomic_path(path) as tmp:
        save_file(state, tmp, metadata={"arch": arch, "timm_name": timm_name, "source": source})
    return {"path": f"{arch}/{WEIGHTS_FILE}", "name": timm_name, "source": source, "sha256": sha256_file(path),
            "bytes": path.stat().st_size}


def _stand_in_tokenizer(folder: Path):
    """A character-level WordPiece tokenizer: any text tokenizes, nothing of any note is in it."""
    from transformers import BertTokenizerFast

    chars = [chr(c) for c in range(33, 127)]
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *chars, *(f"##{c}" for c in chars)]
    folder.mkdir(parents=True, exist_ok=True)
    # the vocabulary as a mapping: transformers 5 ignores `vocab_file` here and keeps only the special tokens
    return BertTokenizerFast(vocab={token: i for i, token in enumerate(vocab)}, do_lower_case=False,
                             model_max_length=BERT_BASE["max_position_embeddings"])


def _save_notes_encoder(model_name: str, stand_in: bool, seed: int, out: Path) -> dict:
    from transformers import AutoModel, AutoTokenizer, BertConfig, BertModel

    short = model_name.rstrip("/").split("/")[-1]
    folder = out / NOTES_DIR / short
    with atomic_path(folder) as tmp:
        if stand_in:
            torch.manual_seed(seed)
            model = BertModel(BertConfig(**BERT_BASE))
            tokenizer = _stand_in_tokenizer(tmp)
            source = f"stand-in: random BERT-base-shaped encoder (seed {seed}), character vocabulary"
        else:
            tokenizer = AutoTokenizer.from_pretrained(model_name)
            model = AutoModel.from_pretrained(model_name)
            source = f"hf-hub:{model_name}"
        model.save_pretrained(tmp, safe_serialization=True)
        tokenizer.save_pretrained(tmp)
    files = {p.relative_to(folder).as_posix(): sha256_file(p) for p in sorted(folder.rglob("*")) if p.is_file()}
    return {"path": f"{NOTES_DIR}/{short}", "name": model_name, "source": source, "sha256": files,
            "bytes": sum((folder / f).stat().st_size for f in files)}


def fetch_weights(out_dir: str | os.PathLike, archs: Sequence[str], notes_model: str | None, *,
                  stand_in: bool = False, seed: int = 0) -> dict[str, Any]:
    """Write weights/<arch>/model.safetensors (+ the notes encoder) and weights/manifest.json; return it."""
    import timm

    from medrepro.errors import ParamsError
    from medrepro.models.registry import get_architecture

    out = Path(out_dir)
    if not stand_in:
        reason = hub_offline_reason()
        if reason is not None:
            raise ParamsError(f"fetch-weights: {reason}; run it on a connected machine (or use --stand-in for "
                              "random weights of the same shapes, for rehearsals only)")
    entries: dict[str, Any] = {}
    for arch in tqdm(list(archs), desc="fetch-weights"):
        timm_name = get_architecture(arch).timm_name
        if stand_in:
            torch.manual_seed(seed)
            model = timm.create_model(timm_name, pretrained=False)
            source = f"stand-in: random init (timm {timm.__version__}, seed {seed})"
        else:
            model = timm.create_model(timm_name, pretrained=True)
            source = f"hf-hub:{hub_id(timm_name)}"
        entries[arch] = _save_image_model(model, arch, timm_name, source, out)
        del model
    if notes_model:
        entries[NOTES_DIR] = _save_notes_encoder(notes_model, stand_in, seed, out)
    manifest = read_manifest(out)  # entries fetched earlier for other architectures stay
    manifest["weights"].update(entries)
    manifest["stand_in"] = bool(manifest.get("stand_in")) or stand_in
    write_json(out / MANIFEST, manifest)
    return manifest
