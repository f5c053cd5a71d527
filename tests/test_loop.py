"""The Accelerate loop: schedule, safetensors checkpoints, exact resume of an interrupted run, never of another."""

from __future__ import annotations

import json

import pytest
import torch
from accelerate import Accelerator
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from medrepro.train import checkpoint as ckpt
from medrepro.train.checkpoint import Fingerprint
from medrepro.train.loop import EpochSampler, FitConfig, fit, lr_at

FP = Fingerprint(params="p", data="d", code={"stages/x.py": "1", "medrepro/train/loop.py": "2"})


def test_lr_schedule_warmup_then_cosine():
    lrs = [lr_at(s, 100, 10, 1.0, 0.01) for s in range(100)]
    assert lrs[0] == pytest.approx(0.1) and lrs[9] == pytest.approx(1.0)
    assert all(a >= b for a, b in zip(lrs[10:], lrs[11:], strict=False))
    assert lrs[-1] == pytest.approx(0.01, abs=1e-3)


def test_optimizer_state_roundtrips_through_safetensors(tmp_path):
    model = nn.Linear(4, 3)
    opt = torch.optim.AdamW(model.parameters(), lr=0.1)
    model(torch.randn(5, 4)).sum().backward()
    opt.step()
    ckpt.save_checkpoint(tmp_path, model_state=model.state_dict(), optimizer_state=opt.state_dict(),
                         progress={"fingerprint": FP.to_json()})
    ckpt.save_best(tmp_path, model.state_dict())
    state = ckpt.load_checkpoint(tmp_path, FP)
    assert state is not None
    restored = torch.optim.AdamW(model.parameters(), lr=0.1)
    restored.load_state_dict(state["optimizer"])
    before, after = opt.state_dict()["state"][0], restored.state_dict()["state"][0]
    assert set(before) == set(after) == {"step", "exp_avg", "exp_avg_sq"}
    for key in before:
        assert torch.equal(torch.as_tensor(before[key]), torch.as_tensor(after[key]))
    assert not list(tmp_path.rglob("*.pt")) and not list(tmp_path.rglob("*.pkl"))


@pytest.mark.parametrize(("now", "reason"), [
    (Fingerprint(params="p2", data="d", code=FP.code), "params changed"),
    (Fingerprint(params="p2", data="d2", code=FP.code), "data changed"),
    (Fingerprint(params="p", data="d", code={**FP.code, "medrepro/train/loop.py": "3"}),
     "code changed (medrepro/train/loop.py)"),
    (Fingerprint(params="p", data="d", code={"stages/x.py": "1"}), "code changed (medrepro/train/loop.py)"),
])
def test_foreign_checkpoint_is_discarded_with_one_line_saying_why(tmp_path, caplog, now, reason):
    model = nn.Linear(2, 2)
    ckpt.save_checkpoint(tmp_path / "c", model_state=model.state_dict(),
                         optimizer_state=torch.optim.AdamW(model.parameters()).state_dict(),
                         progress={"fingerprint": FP.to_json()})
    ckpt.save_best(tmp_path / "c", model.state_dict())
    assert ckpt.load_checkpoint(tmp_path / "c", now) is None
    assert len(caplog.records) == 1 and "\n" not in caplog.text.strip()
    assert f"not resuming {tmp_path / 'c'}: {reason}; training from scratch" in caplog.text
    assert (tmp_path / "c").is_dir() and not list((tmp_path / "c").iterdir())  # emptied, kept for DVC persist


def test_checkpoint_without_code_fingerprint_is_discarded(tmp_path, caplog):
    model = nn.Linear(2, 2)
    ckpt.save_checkpoint(tmp_path, model_state=model.state_dict(),
                         optimizer_state=torch.optim.AdamW(model.parameters()).state_dict(),
                         progress={"fingerprint": "sha-of-params-and-data"})
    ckpt.save_best(tmp_path, model.state_dict())
    assert ckpt.load_checkpoint(tmp_path, FP) is None
    assert "code changed" in caplog.text


def toy_loaders(seed=0):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(96, 6, generator=g)
    y = (x[:, 0] > 0).long() + (x[:, 1] > 0.5).long()
    ds = TensorDataset(x, y)

    def collate(items):
        xs, ys = zip(*items, strict=True)
        return {"x": torch.stack(xs), "labels": torch.stack(ys)}

    train = DataLoader(ds, batch_size=16, sampler=EpochSampler(len(ds), seed=1), collate_fn=collate)
    val = DataLoader(ds, batch_size=32, collate_fn=collate)
    return train, val


def forward(model, batch, train):
    return model(batch["x"])


def make_model():
    torch.manual_seed(0)
    return nn.Sequential(nn.Linear(6, 16), nn.Dropout(0.1), nn.ReLU(), nn.Linear(16, 3))


def run_fit(tmp_path, name, epochs=3, fingerprint=FP):
    train, val = toy_loaders()
    return fit(Accelerator(cpu=True), make_model(), train, val, forward=forward,
               cfg=FitConfig(epochs=epochs, lr=0.05, warmup_epochs=0.5), checkpoint_dir=tmp_path / name,
               fingerprint=fingerprint)


def test_fit_learns_and_keeps_best_epoch(tmp_path):
    result = run_fit(tmp_path, "a")
    assert len(result.history) == 3
    assert result.best_metric == max(h["val_balanced_accuracy"] for h in result.history)
    assert result.history[-1]["train_loss"] < result.history[0]["train_loss"]
    # a finished run keeps no resume state: only the record that it finished
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["finished.json"]
    record = json.loads((tmp_path / "a" / "finished.json").read_text())
    assert record["finished"] and record["epochs_done"] == 3
    assert record["fingerprint"] == {**FP.to_json(), "params": "p:processes=1"}


def test_finished_run_is_never_resumed(tmp_path, caplog, capsys):
    first = run_fit(tmp_path, "a")
    capsys.readouterr()
    again = run_fit(tmp_path, "a")
    assert again.resumed_from_epoch == 0 and "resuming" not in capsys.readouterr().out
    assert "not resuming" in caplog.text and "finished run" in caplog.text
    assert len(again.history) == 3 and again.train_samples == first.train_samples  # it really trained
    for a, b in zip(first.model.state_dict().values(), again.model.state_dict().values(), strict=True):
        assert torch.equal(a, b)


def interrupt_after_first_epoch(tmp_path, name, monkeypatch, **kwargs):
    original = ckpt.save_checkpoint
    calls = {"n": 0}

    def crash_after_first(*args, **kw):
        original(*args, **kw)
        calls["n"] += 1
        if calls["n"] == 1:
            raise KeyboardInterrupt("simulated kill after epoch 1")

    monkeypatch.setattr(ckpt, "save_checkpoint", crash_after_first)
    with pytest.raises(KeyboardInterrupt):
        run_fit(tmp_path, name, **kwargs)
    monkeypatch.setattr(ckpt, "save_checkpoint", original)


def test_interrupted_fit_resumes_to_identical_weights(tmp_path, monkeypatch):
    reference = run_fit(tmp_path, "ref")
    interrupt_after_first_epoch(tmp_path, "resumed", monkeypatch)
    resumed = run_fit(tmp_path, "resumed")
    assert resumed.resumed_from_epoch == 1
    assert [h["val_loss"] for h in resumed.history] == [h["val_loss"] for h in reference.history]
    for a, b in zip(reference.model.state_dict().values(), resumed.model.state_dict().values(), strict=True):
        assert torch.equal(a, b)


def test_balanced_accuracy_matches_sklearn():
    import numpy as np
    from sklearn.metrics import balanced_accuracy_score

    from medrepro.train.loop import balanced_accuracy

    rng = np.random.default_rng(0)
    for _ in range(5):
        y, p = rng.integers(0, 7, 200), rng.integers(0, 7, 200)
        assert balanced_accuracy(y, p) == pytest.approx(balanced_accuracy_score(y, p))


def test_interrupted_run_under_changed_code_trains_from_scratch(tmp_path, monkeypatch, caplog, capsys):
    interrupt_after_first_epoch(tmp_path, "c", monkeypatch)
    capsys.readouterr()
    edited = Fingerprint(params="p", data="d", code={**FP.code, "medrepro/train/loop.py": "edited"})
    result = run_fit(tmp_path, "c", fingerprint=edited)
    assert result.resumed_from_epoch == 0 and len(result.history) == 3
    assert "code changed (medrepro/train/loop.py); training from scratch" in caplog.text
    assert "resuming" not in capsys.readouterr().out


def test_step_caps_cut_every_epoch_and_say_so(tmp_path, capsys):
    """A CPU rehearsal caps optimizer steps and validation batches per epoch; the cap must really cut the work,
    the schedule must fit the capped length, and the run must record and print that it was capped."""
    calls = {"train": 0, "val": 0}

    def counting_forward(model, batch, train):
        calls["train" if train else "val"] += batch["labels"].shape[0]
        return model(batch["x"])

    accelerator = Accelerator(cpu=True)
    train, val = toy_loaders()  # 96 samples: 6 train batches of 16, 3 validation batches of 32
    result = fit(accelerator, make_model(), train, val, forward=counting_forward,
                 cfg=FitConfig(epochs=3, lr=0.05, warmup_epochs=0.5, max_steps_per_epoch=2, max_val_batches=1),
                 checkpoint_dir=tmp_path / "capped", fingerprint=FP)
    assert calls == {"train": 3 * 2 * 16, "val": 3 * 32}
    assert result.train_samples == 3 * 2 * 16 and len(result.history) == 3
    assert result.caps == {"max_steps_per_epoch": {"cap": 2, "full": 6}, "max_val_batches": {"cap": 1, "full": 3}}
    assert result.history[-1]["lr"] == pytest.approx(lr_at(5, 6, 1, 0.05, 0.01))  # cosine over 6 capped steps
    assert not accelerator.gradient_state.in_dataloader  # a loader left early is not left registered
    err = capsys.readouterr().err
    assert "warning:" in err and "max_steps_per_epoch=2 of 6" in err and "max_val_batches=1 of 3" in err


def test_caps_larger_than_an_epoch_change_nothing(tmp_path):
    reference = run_fit(tmp_path, "ref")
    train, val = toy_loaders()
    capped = fit(Accelerator(cpu=True), make_model(), train, val, forward=forward,
                 cfg=FitConfig(epochs=3, lr=0.05, warmup_epochs=0.5, max_steps_per_epoch=6, max_val_batches=3),
                 checkpoint_dir=tmp_path / "big", fingerprint=FP)
    assert [h["val_loss"] for h in capped.history] == [h["val_loss"] for h in reference.history]
    assert capped.caps == {"max_steps_per_epoch": {"cap": 6, "full": 6}, "max_val_batches": {"cap": 3, "full": 3}}
