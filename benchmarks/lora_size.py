"""Disk size of what a LoRA run stores: an epoch checkpoint and the saved adapter, the old way and now.

Before (issue 12 item 5): every checkpoint held the whole model state (frozen base included) and the
adapter directory carried a copy of the base. Now checkpoints keep the trainable tensors (and AdamW state)
only and the adapter names its base by sha256. Both layouts are written with the project's own code
(`train.checkpoint`, `train.loop.checkpoint_state`, peft `save_pretrained`) for a BERT-base-shaped
classifier built from its config (no download) and for the sample's small BERT.

    PYTHONPATH=src python benchmarks/lora_size.py [--shape bert-base|sample|both] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

SHAPES = {  # Bio_ClinicalBERT's vocabulary and BERT-base's shape; the sample's defaults in params.yaml
    "bert-base": dict(vocab_size=28996, hidden_size=768, num_layers=12, num_heads=12, intermediate_size=3072,
                      max_length=512),
    "sample": dict(vocab_size=2000, hidden_size=64, num_layers=2, num_heads=2, intermediate_size=128, max_length=128),
}


def _mb(path: Path) -> float:
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files) / 2**20


def measure(shape: str, r: int = 16, target_modules: tuple[str, ...] = ("query", "value")) -> dict[str, float]:
    import torch
    from accelerate import Accelerator

    from medrepro.models import text as text_models
    from medrepro.train import checkpoint as ckpt
    from medrepro.train.loop import checkpoint_state

    torch.manual_seed(0)
    classes = [f"class_{i}" for i in range(5)]
    cfg = SHAPES[shape]
    encoder = text_models.build_small_bert_mlm(
        cfg["vocab_size"], hidden_size=cfg["hidden_size"], num_layers=cfg["num_layers"], num_heads=cfg["num_heads"],
        intermediate_size=cfg["intermediate_size"], max_length=cfg["max_length"])
    accelerator = Accelerator(cpu=True)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        encoder.save_pretrained(tmp / "encoder", safe_serialization=True)
        _, model = text_models.load_encoder_classifier(tmp / "encoder", classes)
        model = text_models.apply_lora(model, r, 2 * r, 0.0, list(target_modules))
        optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=1e-3)
        ids = torch.randint(5, cfg["vocab_size"], (2, 16))
        loss = model(input_ids=ids, attention_mask=torch.ones_like(ids), labels=torch.tensor([0, 1])).loss
        loss.backward()
        optimizer.step()  # AdamW state exists for every trainable tensor, as after a real epoch

        ckpt.save_checkpoint(tmp / "before", model_state=accelerator.get_state_dict(model),
                             optimizer_state=optimizer.state_dict(), progress={})
        ckpt.save_checkpoint(tmp / "after", model_state=checkpoint_state(accelerator, model),
                             optimizer_state=optimizer.state_dict(), progress={})
        model.save_pretrained(tmp / "adapter", safe_serialization=True)
        counts = text_models.parameter_counts(model)
        adapter_mb = _mb(tmp / "adapter" / "adapter_model.safetensors")
        base_mb = _mb(tmp / "encoder" / "model.safetensors")
        return {
            "trainable_parameters": counts["trainable_parameters"],
            "total_parameters": counts["total_parameters"],
            "checkpoint_before_mb": _mb(tmp / "before" / "last"),
            "checkpoint_after_mb": _mb(tmp / "after" / "last"),
            "adapter_before_mb": adapter_mb + base_mb,  # the old directory carried the base under base/
            "adapter_after_mb": adapter_mb,
            "base_encoder_mb": base_mb,
        }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shape", choices=[*SHAPES, "both"], default="both")
    parser.add_argument("--out", type=Path, help="also write the numbers as JSON")
    args = parser.parse_args(argv)
    shapes = list(SHAPES) if args.shape == "both" else [args.shape]
    results = {shape: measure(shape) for shape in shapes}
    print("| shape | trainable params | checkpoint before (MB) | after | adapter dir before (MB) | after |")
    print("|---|---|---|---|---|---|")
    for shape, m in results.items():
        print(f"| {shape} | {m['trainable_parameters']:,} | {m['checkpoint_before_mb']:.2f} | "
              f"{m['checkpoint_after_mb']:.2f} | {m['adapter_before_mb']:.2f} | {m['adapter_after_mb']:.2f} |")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
