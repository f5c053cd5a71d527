"""A full disk is one `error:` line naming the folder and the space, and leaves earlier outputs intact."""

from __future__ import annotations

import errno

import pytest

from medrepro import io, layout
from medrepro.config import run_stage
from medrepro.errors import MedreproError


def _fill(tmp, message=None):
    tmp.write_bytes(b"x" * 1000)
    raise OSError(errno.ENOSPC, "No space left on device") if message is None else RuntimeError(message)


@pytest.mark.parametrize("message", [None, "Error while serializing: IoError(Os { code: 28, kind: StorageFull, "
                                           'message: "No space left on device" })'])
def test_enospc_is_one_line_and_the_old_output_survives(tmp_path, capsys, message):
    out = tmp_path / layout.checkpoint_dir("train", "resnet50") / "best.safetensors"
    out.parent.mkdir(parents=True)
    out.write_text("previous epoch")

    def stage():
        with io.atomic_path(out) as tmp:
            _fill(tmp, message)

    with pytest.raises(SystemExit) as exc:
        run_stage(stage)
    err = capsys.readouterr().err.strip().splitlines()
    assert exc.value.code == 1 and len(err) == 1
    assert err[0].startswith(f"error: {out.parent}: no space left on device")
    assert "(writing best.safetensors: needs more than the 0.0 MB it had written" in err[0]
    assert " free)" in err[0] and "README" in err[0]
    assert out.read_text() == "previous epoch"
    assert [p.name for p in out.parent.iterdir()] == ["best.safetensors"]  # no temporary left behind


def test_enospc_outside_atomic_writes_names_the_file_folder(tmp_path, capsys):
    live = layout.images("resnet50", tmp_path).dvclive

    def stage():
        raise OSError(errno.ENOSPC, "No space left on device", str(live / "metrics.json"))

    with pytest.raises(SystemExit):
        run_stage(stage)
    assert capsys.readouterr().err.startswith(f"error: {live}: no space left on device")


def test_free_space_is_checked_before_training(tmp_path):
    io.require_free_space(tmp_path, 1, "a checkpoint")
    with pytest.raises(MedreproError, match=r"B free, but the resnet50 checkpoints need about .* GB"):
        io.require_free_space(tmp_path / "not" / "yet", 10**18, "the resnet50 checkpoints")


def test_other_errors_are_not_reported_as_a_full_disk(tmp_path):
    with pytest.raises(ValueError, match="boom"), io.atomic_path(tmp_path / "x.json"):
        raise ValueError("boom")
