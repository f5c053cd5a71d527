"""Training images/s three ways on one machine: synthetic ceiling, medrepro's real path, naive thesis loop.

    PYTHONPATH=src python benchmarks/train_throughput.py [--archs resnet50,...] [--batch-size 128]
        [--image-size 224] [--precision bf16|fp16|no] [--steps 30] [--warmup 5] [--n-images 2048]
        [--device auto|cpu|cuda] [--model-kwargs-json '{...}'] [--out benchmarks/results]

(a) ceiling: AdamW steps on a normalised channels_last batch that already sits on the device — the
    model's own speed with no input pipeline.
(b) real: `medrepro.train.images.train_image_model` itself (Accelerate, uint8 memmap cache, batched
    `__getitems__`, on-device augmentation, `fit`), on a synthetic cache of `--n-images` images. Only
    the forward function is wrapped, to read the clock after `--warmup` steps; validation and
    checkpoint saving between epochs are paused out of the timing.
(c) naive: what a thesis typically writes — a Dataset that opens a 600×450 JPEG with PIL per item and
    applies torchvision transforms per image, DataLoader(num_workers=4, batch_size=32), fp32.

Needs torch, torchvision, timm, accelerate, pandas, pillow, safetensors, tqdm and scikit-learn (imported
by medrepro.train.loop); not DVC, DVCLive, W&B or grad-cam. Writes `<out>/<device>-<date>.json`.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import importlib.util
import json
import math
import os
import platform
import sys
import tempfile
import time
import warnings
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

REQUIRED = ["torch", "torchvision", "timm", "accelerate", "pandas", "PIL", "safetensors", "tqdm", "sklearn"]
_missing = [name for name in REQUIRED if importlib.util.find_spec(name) is None]
if _missing:
    sys.exit(f"error: missing Python package(s) {_missing}; install them to run this benchmark")

import numpy as np  # noqa: E402
import torch  # noqa: E402
from prepare_throughput import command_line, cpu_name, device_slug, write_synthetic_ham10000  # noqa: E402
from torch import nn  # noqa: E402
from torch.utils.data import DataLoader, Dataset  # noqa: E402

import medrepro.train.images as images  # noqa: E402
from medrepro.data.ham10000 import CLASSES  # noqa: E402
from medrepro.errors import ParamsError  # noqa: E402
from medrepro.io import write_json  # noqa: E402
from medrepro.models.registry import create_model, get_architecture, normalisation  # noqa: E402
from medrepro.train import loop  # noqa: E402
from medrepro.train.augment import AugmentConfig  # noqa: E402
from medrepro.train.loop import predict, set_determinism  # noqa: E402

NUM_CLASSES = len(CLASSES)
THESIS_ARCHS = ["resnet50", "efficientnet_b3", "densenet121", "vit_b_16"]
# The thesis profile (configs/profiles/thesis.yaml) and HAM10000's size. 7,010 train images is 70% of
# 10,015; params.yaml's val/test fractions (0.15/0.20) leave about 6,510, so the projection errs long.
THESIS = {"epochs": 20, "train_images": 7010, "val_images": 1502, "test_images": 2003, "image_size": 224,
          "batch_size": 128, "precision": "bf16"}
TARGETS = {"real_over_ceiling": 0.9, "real_over_naive": 5.0, "thesis_minutes": 10.0}
NAIVE_BATCH_SIZE = 32
DTYPES = {"bf16": torch.bfloat16, "fp16": torch.float16, "no": None}


def synchronize(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def _time_steps(step, steps: int, warmup: int, device: torch.device) -> float:
    """Seconds for `steps` calls of `step` after `warmup` untimed ones; the device is drained at both ends."""
    for _ in range(warmup):
        step()
    synchronize(device)
    start = time.perf_counter()
    for _ in range(steps):
        step()
    synchronize(device)
    return time.perf_counter() - start


@contextlib.contextmanager
def torch_flags():
    """train_image_model sets global determinism/cuDNN flags; put them back afterwards."""
    saved = (torch.are_deterministic_algorithms_enabled(),
             torch.is_deterministic_algorithms_warn_only_enabled(),
             torch.backends.cudnn.benchmark, os.environ.get("CUBLAS_WORKSPACE_CONFIG"))
    try:
        yield
    finally:
        torch.use_deterministic_algorithms(saved[0], warn_only=saved[1])
        torch.backends.cudnn.benchmark = saved[2]
        if saved[3] is None:
            os.environ.pop("CUBLAS_WORKSPACE_CONFIG", None)
        else:
            os.environ["CUBLAS_WORKSPACE_CONFIG"] = saved[3]


def ceiling_img_s(arch: str, *, batch_size: int, image_size: int, precision: str, steps: int, warmup: int,
                  model_kwargs: dict, device: torch.device, max_grad_norm: float = 1.0) -> float:
    """Images/s of AdamW train steps on a batch already on the device (autocast, channels_last, grad clip)."""
    torch.manual_seed(0)
    model = create_model(arch, NUM_CLASSES, image_size, model_kwargs=model_kwargs)
    model = model.to(device, memory_format=torch.channels_last).train()
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=1e-3, weight_decay=0.05)
    x = torch.randn(batch_size, 3, image_size, image_size, device=device).contiguous(
        memory_format=torch.channels_last)
    y = torch.randint(0, NUM_CLASSES, (batch_size,), device=device)
    dtype = DTYPES[precision]
    scaler = torch.amp.GradScaler(device.type) if precision == "fp16" else None
    loss_fn = nn.CrossEntropyLoss()

    def step() -> None:
        with torch.autocast(device.type, dtype=dtype, enabled=dtype is not None):
            logits = model(x)
        loss = loss_fn(logits.float(), y)
        if scaler is not None:
            scaler.scale(loss).backward()
            scaler.unscale_(optimizer)
            nn.utils.clip_grad_norm_(params, max_grad_norm)
            scaler.step(optimizer)
            scaler.update()
        else:
            loss.backward()
            nn.utils.clip_grad_norm_(params, max_grad_norm)
            optimizer.step()
        optimizer.zero_grad(set_to_none=True)

    return steps * batch_size / _time_steps(step, steps, warmup, device)


class StepClock:
    """Times the real path's train steps after `warmup`, paused while `fit` validates and checkpoints.

    The clock starts (device drained) at the forward of step warmup+1 and pauses (device drained) when
    `fit` calls `predict` for validation, i.e. after the epoch's last optimizer step and before the
    validation loader starts its workers; the next train forward resumes it. On CUDA, steps
    2..warmup run under torch.cuda.set_sync_debug_mode("warn") to count host synchronisations.
    """

    def __init__(self, warmup: int, device: torch.device) -> None:
        self.warmup, self.device = warmup, device
        self.train_calls, self.images, self.seconds, self.segments = 0, 0, 0.0, 0
        self.started: float | None = None
        self.sync_records: list | None = None
        self.sync_steps = 0
        self._warnings_cm = None

    def _start_sync_count(self) -> None:
        self._warnings_cm = warnings.catch_warnings(record=True)
        self.sync_records = self._warnings_cm.__enter__()
        warnings.simplefilter("always")
        torch.cuda.set_sync_debug_mode("warn")

    def _stop_sync_count(self) -> None:
        if self._warnings_cm is not None:
            torch.cuda.set_sync_debug_mode("default")
            self._warnings_cm.__exit__(None, None, None)
            self._warnings_cm = None

    def wrap(self, forward):
        def timed_forward(model, batch, train: bool):
            if train:
                self.train_calls += 1
                counting = self.device.type == "cuda" and self.warmup >= 2
                if counting and self.train_calls == 2:
                    self._start_sync_count()
                elif self._warnings_cm is not None:
                    self.sync_steps += 1
                if self.train_calls > self.warmup:
                    self._stop_sync_count()
                    if self.started is None:
                        synchronize(self.device)
                        self.started = time.perf_counter()
                        self.segments += 1
                    self.images += int(batch["labels"].shape[0])
            else:
                self.pause()
            return forward(model, batch, train)

        return timed_forward

    def pause(self) -> None:
        if self._warnings_cm is not None:  # an epoch ended inside the counting window: its epoch-end
            self._stop_sync_count()        # syncs are not per-step costs, so the count is discarded
            self.sync_records = None
        if self.started is not None:
            synchronize(self.device)
            self.seconds += time.perf_counter() - self.started
            self.started = None

    def close(self) -> None:
        """Leave no sync-debug mode or warnings capture behind, even if training failed."""
        self._stop_sync_count()

    def host_syncs(self) -> tuple[float | None, dict[str, int]]:
        """Synchronising CUDA calls per warm-up step and where they came from (file:line)."""
        if self.sync_records is None or not self.sync_steps:
            return None, {}
        hits = [r for r in self.sync_records if "synchroniz" in str(r.message).lower()]
        sites = Counter(f"{Path(r.filename).name}:{r.lineno}" for r in hits)
        return len(hits) / self.sync_steps, dict(sites.most_common(10))


@contextlib.contextmanager
def _clock_hooks(clock: StepClock):
    """Route train_image_model's make_forward and fit's validation predict() through the clock.

    Both are module globals looked up at call time; if the product stops calling them the run fails
    loudly rather than timing the wrong thing.
    """
    make_forward, fit_predict = images.make_forward, loop.predict

    def paused_predict(*args, **kwargs):
        clock.pause()
        return fit_predict(*args, **kwargs)

    images.make_forward = lambda *a, **kw: clock.wrap(make_forward(*a, **kw))
    loop.predict = paused_predict
    try:
        yield
    finally:
        images.make_forward, loop.predict = make_forward, fit_predict
        clock.close()
    if clock.train_calls == 0 or clock.segments == 0 or clock.started is not None:
        raise RuntimeError("train_image_model/fit no longer call make_forward/predict as the benchmark's "
                           "clock expects; update its hooks")


def write_cache(prepared_dir: Path, n_train: int, n_eval: int, cache_size: int, seed: int = 0) -> None:
    """A uint8 N×S×S×3 .npy memmap per split, as prepare_images writes; random pixels, all classes present."""
    rng = np.random.default_rng(seed)
    prepared_dir.mkdir(parents=True, exist_ok=True)
    for split, n in (("train", n_train), ("val", n_eval), ("test", n_eval)):
        cache = np.lib.format.open_memmap(prepared_dir / f"{split}_images.npy", mode="w+", dtype=np.uint8,
                                          shape=(n, cache_size, cache_size, 3))
        for start in range(0, n, 256):
            stop = min(n, start + 256)
            shape = (stop - start, cache_size, cache_size, 3)
            cache[start:stop] = rng.integers(0, 256, size=shape, dtype=np.uint8)
        cache.flush()
        del cache
        np.save(prepared_dir / f"{split}_labels.npy", np.arange(n, dtype=np.int64) % NUM_CLASSES)


def real_path(arch: str, prepared_dir: Path, checkpoint_dir: Path, *, batch_size: int, image_size: int,
              precision: str, steps: int, warmup: int, n_train: int, model_kwargs: dict, deterministic: bool,
              loader_workers: int, device: torch.device) -> dict:
    """Train with train_image_model on the cache; images/s of the steps after warm-up, eval images/s too."""
    from accelerate import Accelerator
    from accelerate.utils import DataLoaderConfiguration

    steps_per_epoch = n_train // batch_size
    epochs = math.ceil((warmup + steps) / steps_per_epoch)
    cfg = images.ImageTrainConfig(arch=arch, image_size=image_size, epochs=epochs, batch_size=batch_size,
                                  mixed_precision=precision, model_kwargs=model_kwargs,
                                  deterministic=deterministic, channels_last=True,
                                  loader_workers=loader_workers, log_with=[])
    clock = StepClock(warmup, device)
    with torch_flags():
        with _clock_hooks(clock):
            out = images.train_image_model(cfg, prepared_dir, checkpoint_dir, "benchmark")
        syncs_per_step, sync_sites = clock.host_syncs()

        # Evaluation speed with the product's predict() and loader, for the projection's val/test share;
        # the first pass warms up (cuDNN autotuning for the eval batch shape), the second is timed.
        dataloader_config = DataLoaderConfiguration(non_blocking=device.type == "cuda")
        accelerator = Accelerator(mixed_precision=precision, dataloader_config=dataloader_config)
        loader = images.make_loader(images.CachedImages(prepared_dir, "train"), batch_size * 2, sampler=None,
                                    workers=loader_workers, pin_memory=device.type == "cuda")
        forward = images.make_forward(image_size, out.mean, out.std, AugmentConfig(**cfg.augment), True)
        model = accelerator.prepare(out.model)
        loader = accelerator.prepare(loader)
        predict(accelerator, model, loader, forward)
        synchronize(device)
        start = time.perf_counter()
        logits, _ = predict(accelerator, model, loader, forward)
        synchronize(device)
        eval_img_s = len(logits) / (time.perf_counter() - start)
        accelerator.free_memory()
        del out, model, loader, accelerator
    return {"real_img_s": clock.images / clock.seconds, "real_steps_timed": clock.images // batch_size,
            "real_epochs": epochs, "eval_img_s": eval_img_s, "real_host_syncs_per_step": syncs_per_step,
            "real_sync_sites": sync_sites}


class NaiveJpegDataset(Dataset):
    """The thesis pattern: one JPEG opened and transformed per item; the index wraps round the files."""

    def __init__(self, paths: list[Path], labels: list[int], length: int, transform) -> None:
        self.paths, self.labels, self.length, self.transform = paths, labels, length, transform

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, index: int):
        from PIL import Image

        j = index % len(self.paths)
        with Image.open(self.paths[j]) as img:
            x = self.transform(img.convert("RGB"))
        return x, self.labels[j]


def naive_transform(image_size: int, mean: list[float], std: list[float]):
    from torchvision import transforms as T

    return T.Compose([
        T.RandomResizedCrop(image_size),
        T.RandomHorizontalFlip(),
        T.RandomRotation(180),
        T.ColorJitter(brightness=0.2, contrast=0.2, saturation=0.2),
        T.ToTensor(),
        T.Normalize(mean, std),
    ])


def naive_img_s(arch: str, paths: list[Path], labels: list[int], *, image_size: int, steps: int, warmup: int,
                model_kwargs: dict, workers: int, device: torch.device) -> float:
    """A typical thesis loop: fp32, per-image PIL transforms in DataLoader workers, loss.item() every step."""
    torch.manual_seed(0)
    model = create_model(arch, NUM_CLASSES, image_size, model_kwargs=model_kwargs).to(device).train()
    mean, std = normalisation(model)
    dataset = NaiveJpegDataset(paths, labels, (warmup + steps) * NAIVE_BATCH_SIZE,
                               naive_transform(image_size, mean, std))
    loader = DataLoader(dataset, batch_size=NAIVE_BATCH_SIZE, shuffle=True, num_workers=workers)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.05)
    criterion = nn.CrossEntropyLoss()
    batches = iter(loader)
    running_loss = 0.0

    def step() -> None:
        nonlocal running_loss
        x, y = next(batches)
        x, y = x.to(device), y.to(device)
        optimizer.zero_grad()
        loss = criterion(model(x), y)
        loss.backward()
        optimizer.step()
        running_loss += loss.item()

    return steps * NAIVE_BATCH_SIZE / _time_steps(step, steps, warmup, device)


def parse_model_kwargs(text: str | None, archs: list[str]) -> dict[str, dict]:
    """One JSON object for every arch, or one keyed by arch names ({"resnet50": {...}, "vit_b_16": {...}})."""
    if not text:
        return {arch: {} for arch in archs}
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SystemExit(f"error: --model-kwargs-json is not valid JSON ({exc})") from exc
    if not isinstance(value, dict):
        raise SystemExit("error: --model-kwargs-json must be a JSON object")
    if value and all(key in archs for key in value):
        return {arch: dict(value.get(arch) or {}) for arch in archs}
    return {arch: dict(value) for arch in archs}


def resolve_device(name: str) -> torch.device:
    if name == "cpu":
        os.environ["CUDA_VISIBLE_DEVICES"] = ""  # train_image_model's Accelerator takes any GPU it sees
        return torch.device("cpu")
    if name == "cuda" and not torch.cuda.is_available():
        raise SystemExit("error: --device cuda but torch sees no CUDA GPU")
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


def describe_device(device: torch.device) -> str:
    return torch.cuda.get_device_name(device) if device.type == "cuda" else cpu_name()


def versions() -> dict[str, str]:
    import accelerate
    import PIL
    import timm
    import torchvision

    out = {"torch": torch.__version__, "timm": timm.__version__, "accelerate": accelerate.__version__,
           "python": platform.python_version(), "torchvision": torchvision.__version__,
           "numpy": np.__version__, "pillow": PIL.__version__}
    if torch.cuda.is_available():
        out["cuda"] = str(torch.version.cuda)
        out["cudnn"] = str(torch.backends.cudnn.version())
    return out


def projection(archs: dict[str, dict], matches_profile: bool) -> dict:
    """Minutes for the thesis profile's training (all epochs, no early stop) from the measured speeds.

    Per architecture: epochs × train images / real_img_s + (epochs × val + final val + test) / eval_img_s.
    Checkpoint writes and process start-up are not included.
    """
    per_arch = {}
    for arch, row in archs.items():
        train_s = THESIS["epochs"] * THESIS["train_images"] / row["real_img_s"]
        eval_images = (THESIS["epochs"] + 1) * THESIS["val_images"] + THESIS["test_images"]
        per_arch[arch] = (train_s + eval_images / row["eval_img_s"]) / 60
    complete = all(arch in archs for arch in THESIS_ARCHS)
    return {**THESIS, "archs": len(THESIS_ARCHS), "per_arch_minutes": per_arch,
            "total_minutes": sum(per_arch.values()), "complete": complete,
            "matches_thesis_profile": matches_profile, "target_minutes": TARGETS["thesis_minutes"],
            "method": "per arch: epochs*train_images/real_img_s + ((epochs+1)*val_images + test_images)"
                      "/eval_img_s, summed over the archs measured; no early stopping; checkpoint writes "
                      "not included"}


def run_train_benchmark(archs: list[str], *, batch_size: int, image_size: int, precision: str, steps: int,
                        warmup: int, n_images: int, model_kwargs: dict[str, dict], device: torch.device,
                        loader_workers: int, naive_workers: int, naive_width: int, naive_height: int,
                        deterministic: bool, cache_size: int | None = None, jpeg_pool: int = 256,
                        repeats: int = 1,
                        work_dir: Path | None = None, log=print) -> dict:
    """All three measurements for every arch; returns the results dict (without device/command/versions)."""
    if warmup < 1 or steps < 1 or repeats < 1:
        raise SystemExit("error: --steps, --warmup and --repeats must be at least 1")
    if precision not in DTYPES:
        raise SystemExit(f"error: --precision {precision!r}; choose from {sorted(DTYPES)}")
    n_train = max(batch_size, n_images // batch_size * batch_size)
    cache_size = cache_size or image_size
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="medrepro-train-bench-", dir=work_dir) as tmp:
        tmp = Path(tmp)
        write_cache(tmp / "prepared", n_train, batch_size, cache_size)
        meta = write_synthetic_ham10000(tmp / "jpegs", max(n_images, 40), naive_width, naive_height,
                                        pool=jpeg_pool)
        paths = [tmp / "jpegs" / f"{image_id}.jpg" for image_id in meta["image_id"]]
        labels = [CLASSES.index(dx) for dx in meta["dx"]]
        for arch in archs:
            kwargs = model_kwargs.get(arch, {})
            ceilings, reals, naives = [], [], []
            for rep in range(repeats):  # interleaved, so a busy spell on a shared machine hits all three
                with torch_flags():
                    set_determinism(deterministic)
                    ceilings.append(ceiling_img_s(arch, batch_size=batch_size, image_size=image_size,
                                                  precision=precision, steps=steps, warmup=warmup,
                                                  model_kwargs=kwargs, device=device))
                _release(device)
                log(f"{arch}: ceiling {ceilings[-1]:.1f} img/s")
                reals.append(real_path(arch, tmp / "prepared", tmp / f"checkpoints-{arch}-{rep}",
                                       batch_size=batch_size, image_size=image_size, precision=precision,
                                       steps=steps, warmup=warmup, n_train=n_train, model_kwargs=kwargs,
                                       deterministic=deterministic, loader_workers=loader_workers,
                                       device=device))
                _release(device)
                log(f"{arch}: real {reals[-1]['real_img_s']:.1f} img/s, "
                    f"eval {reals[-1]['eval_img_s']:.1f} img/s")
                naives.append(naive_img_s(arch, paths, labels, image_size=image_size, steps=steps,
                                          warmup=warmup, model_kwargs=kwargs, workers=naive_workers,
                                          device=device))
                _release(device)
                log(f"{arch}: naive {naives[-1]:.1f} img/s")
            ceiling, naive = max(ceilings), max(naives)
            real = max(reals, key=lambda r: r["real_img_s"])
            results[arch] = {"ceiling_img_s": ceiling, "naive_img_s": naive, **real,
                             "real_over_ceiling": real["real_img_s"] / ceiling,
                             "real_over_naive": real["real_img_s"] / naive, "model_kwargs": kwargs,
                             "samples": {"ceiling_img_s": ceilings, "naive_img_s": naives,
                                         "real_img_s": [r["real_img_s"] for r in reals]}}
        jpeg_kb = float(np.mean([p.stat().st_size for p in paths]) / 1024)
    matches = (image_size == THESIS["image_size"] and batch_size == THESIS["batch_size"]
               and precision == THESIS["precision"] and device.type == "cuda"
               and not any(model_kwargs.get(a) for a in archs))
    return {
        "batch_size": batch_size, "precision": precision, "image_size": image_size, "cache_size": cache_size,
        "steps": steps, "warmup": warmup, "repeats": repeats, "n_images": n_train,
        "loader_workers": loader_workers,
        "deterministic": deterministic, "naive": {"batch_size": NAIVE_BATCH_SIZE, "workers": naive_workers,
                                                  "width": naive_width, "height": naive_height,
                                                  "jpeg_mean_kb": jpeg_kb, "precision": "no"},
        "archs": results, "targets": TARGETS, "thesis_projection": projection(results, matches),
    }


def _release(device: torch.device) -> None:
    gc.collect()
    if device.type == "cuda":
        torch.cuda.empty_cache()


def _params_architectures() -> list[str]:
    """params.yaml's `architectures` (yaml is read plainly: this runs where DVC is not installed)."""
    import yaml

    try:
        archs = yaml.safe_load((HERE.parent / "params.yaml").read_text(encoding="utf-8")).get("architectures")
    except (OSError, yaml.YAMLError, AttributeError):
        return []
    return [a for a in archs if isinstance(a, str)] if isinstance(archs, list) else []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--archs", default=",".join(_params_architectures() or THESIS_ARCHS),
                        help="comma-separated timm names (default: params.yaml's architectures)")
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--image-size", type=int, default=224)
    parser.add_argument("--cache-size", type=int, default=None, help="uint8 cache size (default: image size)")
    parser.add_argument("--precision", default="bf16", choices=sorted(DTYPES))
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--n-images", type=int, default=2048, help="cache and JPEG count")
    parser.add_argument("--device", default="auto", choices=["auto", "cpu", "cuda"])
    parser.add_argument("--model-kwargs-json", default=None)
    parser.add_argument("--loader-workers", type=int, default=4, help="real path (thesis profile: 4)")
    parser.add_argument("--naive-workers", type=int, default=4)
    parser.add_argument("--naive-width", type=int, default=600)
    parser.add_argument("--naive-height", type=int, default=450)
    parser.add_argument("--jpeg-pool", type=int, default=256, help="distinct synthetic JPEGs to draw")
    parser.add_argument("--repeats", type=int, default=1,
                        help="measure each path this many times, interleaved, and keep the best")
    parser.add_argument("--deterministic", action="store_true",
                        help="train.deterministic=true (the sample profile); the thesis profile runs without")
    parser.add_argument("--threads", type=int, default=0,
                        help="torch intra-op threads (0: torch's default); 1 is steadier on a shared CPU")
    parser.add_argument("--out", type=Path, default=HERE / "results")
    parser.add_argument("--work-dir", type=Path, default=None, help="where the temporary cache/JPEGs go")
    args = parser.parse_args(argv)
    load_at_start = os.getloadavg()[0]
    device = resolve_device(args.device)
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    archs = [a.strip() for a in args.archs.split(",") if a.strip()]
    for arch in archs:
        try:
            get_architecture(arch)
        except ParamsError as exc:
            parser.error(str(exc))
    result = run_train_benchmark(
        archs, batch_size=args.batch_size, image_size=args.image_size, precision=args.precision,
        steps=args.steps, warmup=args.warmup, n_images=args.n_images,
        model_kwargs=parse_model_kwargs(args.model_kwargs_json, archs), device=device,
        loader_workers=args.loader_workers, naive_workers=args.naive_workers, naive_width=args.naive_width,
        naive_height=args.naive_height, deterministic=args.deterministic, cache_size=args.cache_size,
        jpeg_pool=args.jpeg_pool, repeats=args.repeats, work_dir=args.work_dir)
    name = describe_device(device)
    today = dt.date.today().isoformat()
    result.update({
        "kind": "train", "load_avg_1min": load_at_start, "device": name, "device_kind": device.type,
        "cpu_count": os.cpu_count(), "torch_threads": torch.get_num_threads(), "date": today,
        "command": command_line("train_throughput.py", argv),
        "versions": versions(),
    })
    path = args.out / f"{device_slug(name if device.type == 'cuda' else 'cpu-' + name)}-{today}.json"
    write_json(path, result)
    for arch, row in result["archs"].items():
        print(f"{arch}: ceiling {row['ceiling_img_s']:.1f}  real {row['real_img_s']:.1f}  naive "
              f"{row['naive_img_s']:.1f} img/s  real/ceiling {row['real_over_ceiling']:.2f}  "
              f"real/naive {row['real_over_naive']:.1f}")
    proj = result["thesis_projection"]
    print(f"thesis projection: {proj['total_minutes']:.1f} min for {len(result['archs'])} arch(s)"
          f"{'' if proj['matches_thesis_profile'] else ' (not run with the thesis settings)'}")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
