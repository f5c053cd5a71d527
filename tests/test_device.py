"""Device choice (CUDA, then Apple MPS, then CPU), precision fall-backs and loader workers, forced on a CPU machine."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import torch
from torch.utils.data import DataLoader, TensorDataset

from medrepro import device as dev
from medrepro.errors import ParamsError


@pytest.fixture
def gpus(monkeypatch):
    """force(cuda=..., mps=...) pretends this machine has (or lacks) each kind of GPU."""
    def force(*, cuda: bool, mps: bool) -> None:
        monkeypatch.setattr(torch.cuda, "is_available", lambda: cuda)
        monkeypatch.setattr(torch.backends.mps, "is_available", lambda: mps)
        monkeypatch.setattr(torch.cuda, "get_device_name", lambda index=None: "Forced GPU")
        monkeypatch.setattr(torch.cuda, "current_device", lambda: 0)
    return force


@pytest.mark.parametrize(("cuda", "mps", "kind"), [(True, True, "cuda"), (True, False, "cuda"),
                                                   (False, True, "mps"), (False, False, "cpu")])
def test_auto_prefers_cuda_then_mps_then_cpu(gpus, cuda, mps, kind):
    gpus(cuda=cuda, mps=mps)
    assert dev.auto_kind() == kind
    assert dev.pick_device("auto").type == kind
    assert dev.pick_device("cpu").type == "cpu"


def test_descriptions_name_the_device(gpus):
    gpus(cuda=True, mps=False)
    assert dev.describe(dev.pick_device()) == "cuda:0 (Forced GPU)"
    assert dev.describe("cpu") == "cpu"  # asked for, although a GPU is there
    gpus(cuda=False, mps=True)
    assert dev.describe(dev.pick_device()) == "mps (Apple GPU)"
    gpus(cuda=False, mps=False)
    assert dev.describe(dev.pick_device()) == "cpu (no CUDA or MPS GPU found)"


def test_requesting_a_missing_gpu_says_what_exists(gpus):
    gpus(cuda=False, mps=True)
    with pytest.raises(ParamsError, match="CUDA is not available on this machine; use mps or auto"):
        dev.pick_device("cuda")
    assert dev.pick_device("mps").type == "mps"
    gpus(cuda=False, mps=False)
    with pytest.raises(ParamsError, match="Apple MPS is not available on this machine; use cpu or auto"):
        dev.pick_device("mps")
    with pytest.raises(ParamsError, match="not a torch device"):
        dev.pick_device("gpu0")


def test_bf16_falls_back_where_the_device_lacks_it(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_bf16_supported", lambda including_emulation=True: False)  # e.g. a V100
    precision, warning = dev.usable_precision("bf16", "cuda")
    assert precision == "no" and warning.startswith("warning: cuda here has no bf16 support") and "fp32" in warning
    monkeypatch.setattr(torch.cuda, "is_bf16_supported", lambda including_emulation=True: True)
    assert dev.usable_precision("bf16", "cuda") == ("bf16", None)
    monkeypatch.setattr(torch.backends.mps, "is_macos_or_newer", lambda major, minor: (major, minor) <= (13, 6))
    assert dev.usable_precision("bf16", "mps")[0] == "no"  # macOS 13: MPS has no bf16
    monkeypatch.setattr(torch.backends.mps, "is_macos_or_newer", lambda major, minor: True)
    assert dev.usable_precision("bf16", "mps") == ("bf16", None)
    assert dev.usable_precision("bf16", "cpu") == ("bf16", None)  # CPU autocast has bf16
    precision, warning = dev.usable_precision("fp16", "cpu")
    assert precision == "no" and "needs a CUDA or MPS GPU" in warning
    assert dev.usable_precision("no", "cpu") == ("no", None)


@pytest.fixture
def fresh_accelerate():
    from accelerate.state import AcceleratorState

    AcceleratorState._reset_state(True)
    yield
    AcceleratorState._reset_state(True)


def test_make_accelerator_names_the_device_first_and_keeps_bf16_on_cpu(fresh_accelerate, capsys):
    from medrepro.train.loop import make_accelerator

    acc = make_accelerator(mixed_precision="bf16", grad_accum_steps=1, log_with=[], tracker_dir=None)
    out, err = capsys.readouterr()
    assert out.splitlines()[0] == f"device: {dev.describe(acc.device)}, 1 process(es), mixed precision bf16"
    assert acc.mixed_precision == "bf16" and err == ""


def test_make_accelerator_falls_back_to_fp32_without_bf16(fresh_accelerate, gpus, monkeypatch, capsys):
    """A GPU without bf16: Accelerate would raise; the run trains in fp32 and says so once."""
    from medrepro.train import loop

    gpus(cuda=False, mps=False)
    monkeypatch.setattr(loop, "auto_kind", lambda: "cuda")  # the decision make_accelerator takes on a GPU box
    monkeypatch.setattr(torch.cuda, "is_bf16_supported", lambda including_emulation=True: False)
    acc = loop.make_accelerator(mixed_precision="bf16", grad_accum_steps=1, log_with=[], tracker_dir=None)
    out, err = capsys.readouterr()
    assert acc.mixed_precision == "no" and out.splitlines()[0].endswith("mixed precision no")
    assert err.count("warning: cuda here has no bf16 support") == 1


def test_loader_workers_capped_at_the_affinity_mask(monkeypatch, capsys):
    monkeypatch.setattr(dev.os, "sched_getaffinity", lambda pid: {0}, raising=False)
    monkeypatch.setattr(dev, "_capped", set())
    assert dev.available_cpus() == 1
    assert dev.cap_loader_workers(4) == 1 and dev.cap_loader_workers(4) == 1 and dev.cap_loader_workers(0) == 0
    out = capsys.readouterr().out
    assert out == "loader workers: 4 requested, capped at 1 (the CPUs available to this process)\n"


def test_capped_loaders_never_warn_about_freezing(monkeypatch):
    """PyTorch warns that more workers than allowed CPUs 'might get DataLoader running slow or even freeze'."""
    from medrepro.train.images import make_loader

    cpus = {0}
    monkeypatch.setattr(dev.os, "sched_getaffinity", lambda pid: cpus, raising=False)
    monkeypatch.setattr(dev, "_capped", set())
    data = TensorDataset(torch.from_numpy(np.arange(8.0)))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        DataLoader(data, num_workers=4).check_worker_number_rationality()
    assert any("freeze" in str(w.message) for w in caught)  # what the thesis profile's 4 workers did on 2 cores
    loader = make_loader(data, 4, sampler=None, workers=4, pin_memory=False)
    assert loader.num_workers == 1
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        loader.check_worker_number_rationality()
    assert not [w for w in caught if "freeze" in str(w.message)]


def test_serve_names_the_device_on_its_first_line(gpus, monkeypatch, capsys):
    app = pytest.importorskip("medrepro.app", reason="needs gradio (requirements-app.txt)")
    from medrepro.predict import ModelStore

    gpus(cuda=False, mps=True)
    monkeypatch.setattr(app, "build_app", lambda *args, **kwargs: None)
    monkeypatch.setattr(app, "launch", lambda *args, **kwargs: None)
    app.serve(ModelStore(models={}), host="0.0.0.0", device="auto")
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "medrepro serve: models run on mps (Apple GPU)" and lines[1].startswith("warning: serving on")


def test_make_accelerator_lets_accelerate_use_mps(fresh_accelerate, monkeypatch, capsys):
    """On a Mac, Accelerator(cpu=True) would train on the CPU next to an idle GPU."""
    import accelerate

    from medrepro.train import loop

    seen = {}

    class Recording(accelerate.Accelerator):
        def __init__(self, **kwargs):
            seen.update(kwargs)
            super().__init__(**{**kwargs, "cpu": True})  # this machine has no MPS to hand to Accelerate

    monkeypatch.setattr(accelerate, "Accelerator", Recording)
    monkeypatch.setattr(loop, "auto_kind", lambda: "mps")
    loop.make_accelerator(mixed_precision="no", grad_accum_steps=1, log_with=[], tracker_dir=None)
    assert seen["cpu"] is False and seen["dataloader_config"].non_blocking is False
    monkeypatch.setattr(loop, "auto_kind", lambda: "cpu")
    accelerate.state.AcceleratorState._reset_state(True)
    loop.make_accelerator(mixed_precision="no", grad_accum_steps=1, log_with=[], tracker_dir=None)
    assert seen["cpu"] is True
    capsys.readouterr()
