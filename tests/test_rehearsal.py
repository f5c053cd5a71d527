"""The thesis profile rehearsed on a CPU: `medrepro profile rehearsal && dvc repro` on a copy of the repo.

Full-size ResNet-50 / EfficientNet-B3 / DenseNet-121 / ViT-B/16 at 224 px in bf16, started from stand-in
weights of the real shapes (made locally, pinned by sha256 like real ones), and the BERT-base notes encoder:
the proof that the GPU-box run will not crash on shapes, layers, precision or files.

Heavy: on a CPU without bf16 instructions (AVX2 only, like the 2-core CI runners) a bf16 training step is
~50x slower than a float32 forward pass (ResNet-50 at 224 px: 6.0 CPU-s per training image, measured), so
the whole rehearsal needs CPU-hours, over the CI limit (README). It runs when MEDREPRO_REHEARSAL=1 is set
(a CPU with AVX512-BF16/AMX, or a scheduled job with hours to spare).
"""

from __future__ import annotations

import json
import os

import pytest
import yaml
from conftest import BIN, copy_repo, run

pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    os.environ.get("MEDREPRO_REHEARSAL") != "1", reason="CPU-hours on a CPU without bf16: set MEDREPRO_REHEARSAL=1")]


@pytest.fixture(scope="module")
def rehearsal(tmp_path_factory):
    root = copy_repo(tmp_path_factory.mktemp("rehearsal") / "repo")
    run([str(BIN / "medrepro"), "fetch-weights", "--stand-in"], cwd=root)
    profile = run([str(BIN / "medrepro"), "profile", "rehearsal"], cwd=root)
    proc = run([str(BIN / "dvc"), "repro"], cwd=root, timeout=5400)
    (root / "repro.log").write_text(proc.stdout + proc.stderr)
    return root, profile.stdout, proc


def test_rehearsal_keeps_the_thesis_setup(rehearsal):
    root, profile_out, _ = rehearsal
    params = yaml.safe_load((root / "params.yaml").read_text())
    assert params["train"]["mixed_precision"] == "bf16" and params["train"]["image_size"] == 224
    assert params["notes_train"]["model_name"] == "weights/notes/Bio_ClinicalBERT"
    assert "per-architecture pins" in profile_out


def test_every_stage_ran_and_the_graph_is_up_to_date(rehearsal):
    root, _, _ = rehearsal
    status = run([str(BIN / "dvc"), "status"], cwd=root)
    assert "up to date" in status.stdout, status.stdout
    for arch in ("resnet50", "efficientnet_b3", "densenet121", "vit_b_16"):
        assert (root / "plots" / "gradcam" / f"{arch}.png").is_file()
    assert (root / "thesis" / "tables" / "comparison.tex").is_file()
    assert json.loads((root / "metrics" / "notes_data.json").read_text())["synthetic"] is True


def test_models_record_precision_and_pinned_starting_weights(rehearsal):
    root, _, _ = rehearsal
    manifest = json.loads((root / "weights" / "manifest.json").read_text())
    for arch in ("resnet50", "efficientnet_b3", "densenet121", "vit_b_16"):
        meta = json.loads((root / "models" / arch / "model.json").read_text())
        assert meta["mixed_precision"] == "bf16" and meta["predictions_precision"] == "fp32"
        digest = manifest["weights"][arch]["sha256"]
        assert meta["starting_weights"]["sha256"] == digest
        assert meta["starting_weights"]["source"].startswith("stand-in")
        assert f"sha256 `{digest}`" in (root / "models" / arch / "README.md").read_text()
