"""Pretrained starting weights as pinned inputs: fetched once, checked by sha256, loaded offline.

`medrepro fetch-weights` (on a connected machine) writes one folder, e.g.

    weights/manifest.json                    name, source, sha256 of every file below (tracked in git)
    weights/<arch>/model.safetensors         timm weights (the 1000-class ImageNet head included)
    weights/notes/<name>/                    the notes encoder and tokenizer, `save_pretrained` layout

for `dvc add` and `dvc push`; training points `train_arch.<arch>.pretrained_path` at a file, checks its sha256
against the manifest and records name, source and sha256 in model.json. `--stand-in` writes randomly
initialised weights of the same shapes instead (rehearsals and tests: no download).

Without a local file, `pretrained: true` uses timm's hub cache, and only if nothing is cached and the hub
answers within a few seconds does it download: offline it fails at once with one line naming the fix,
instead of retrying for most of a minute.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import torch
from torch import nn

from medrepro.errors import InputError, ParamsError

MANIFEST = "manifest.json"
WEIGHTS_FILE = "model.safetensors"
NOTES_DIR = "notes"
HUB_TIMEOUT_S = 3.0
FIX = "run `medrepro fetch-weights` on a connected machine (then `dvc add`/`dvc push` the weights folder)"


@dataclass(frozen=True)
class WeightsInfo:
    """Where a model's starting weights came from: what model.json and the model card record."""

    name: str        # the timm (or transformers) model the weights belong to
    source: str      # hf-hub:<repo id>, a stand-in, or a local file
    sha256: str
    path: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def sha256_file(path: str | os.PathLike) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def hub_endpoint() -> str:
    return os.environ.get("HF_ENDPOINT", "https://huggingface.co").rstrip("/")


def hub_offline_reason(timeout: float = HUB_TIMEOUT_S) -> str | None:
    """Why the Hugging Face hub cannot be used now (None if it answers): offline mode or no answer in time."""
    if os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in ("1", "true", "yes", "on"):
        return "HF_HUB_OFFLINE is set"
    try:
        urllib.request.urlopen(urllib.request.Request(hub_endpoint(), method="HEAD"), timeout=timeout).close()
    except urllib.error.HTTPError:
        return None  # the hub answered, even if with an error status
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        return f"{hub_endpoint()} is unreachable ({reason.__class__.__name__})"
    return None


def hub_id(timm_name: str) -> str:
    """The hub repository timm downloads `timm_name`'s default pretrained weights from."""
    from timm.models import get_pretrained_cfg

    cfg = get_pretrained_cfg(timm_name)
    repo = getattr(cfg, "hf_hub_id", None) if cfg is not None else None
    if not repo:
        raise ParamsError(f"{timm_name}: timm knows no hub weights for it; set a local pretrained_path")
    return repo


def _cached_hub_file(repo: str, filename: str = WEIGHTS_FILE) -> str | None:
    from huggingface_hub import try_to_load_from_cache

    found = try_to_load_from_cache(repo, filename)
    return found if isinstance(found, str) else None


def read_manifest(root: str | os.PathLike) -> dict[str, Any]:
    path = Path(root) / MANIFEST
    if not path.is_file():
        return {"weights": {}}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: not valid JSON ({exc.__class__.__name__}); rerun `medrepro fetch-weights`") from exc
    if not isinstance(data, dict) or not isinstance(data.get("weights"), dict):
        raise InputError(f"{path}: expected {{\"weights\": {{...}}}}; rerun `medrepro fetch-weights`")
    return data


def _manifest_entry(path: Path) -> tuple[Path, dict[str, Any]] | None:
    """The manifest entry for a file under a fetch-weights folder (<root>/<arch>/model.safetensors)."""
    for root in (path.parent.parent, path.parent):
        manifest = root / MANIFEST
        if manifest.is_file():
            for entry in read_manifest(root)["weights"].values():
                if isinstance(entry, dict) and (root / str(entry.get("path", ""))).resolve() == path.resolve():
                    return manifest, entry
    return None


def local_weights(path: str | os.PathLike, where: str) -> WeightsInfo:
    """A local safetensors file, checked against the manifest that pins it (if it sits in a weights folder)."""
    path = Path(path)
    if path.suffix != ".safetensors":
        raise ParamsError(f"params.yaml: '{where}' is {str(path)!r}: only .safetensors weights are loaded")
    if not path.is_file():
        raise InputError(f"{path}: starting weights not found (params.yaml '{where}'); {FIX}, or `dvc pull`")
    digest = sha256_file(path)
    found = _manifest_entry(path)
    if found is None:
        return WeightsInfo(name=_file_metadata(path).get("timm_name", "unknown"), source=f"local file {path}",
                           sha256=digest, path=str(path))
    manifest, entry = found
    if entry.get("sha256") != digest:
        raise InputError(f"{path}: sha256 {digest[:12]}… differs from {manifest} ({str(entry.get('sha256'))[:12]}…); "
                         "the file changed after it was pinned: `dvc checkout` it or rerun `medrepro fetch-weights`")
    return WeightsInfo(name=str(entry.get("name", "unknown")), source=str(entry.get("source", "unknown")),
                       sha256=digest, path=str(path))


def resolve_pretrained(arch: str, timm_name: str, *, pretrained: bool, pretrained_path: str | None,
                       where: str = "train.pretrained_path") -> WeightsInfo | None:
    """Which starting weights to use: the local file, else timm's hub cache, else the hub if it answers."""
    if pretrained_path:
        return local_weights(pretrained_path, where)
    if not pretrained:
        return None
    repo = hub_id(timm_name)
    cached = _cached_hub_file(repo)
    if cached is None:
        reason = hub_offline_reason()
        if reason is not None:
            raise ParamsError(f"{arch}: `pretrained: true` needs {repo} from the hub, but {reason} and it is not "
                              f"cached; {FIX} and set train_arch.{arch}.pretrained_path: "
                              f"weights/{arch}/{WEIGHTS_FILE}")
        from huggingface_hub import hf_hub_download

        cached = hf_hub_download(repo, WEIGHTS_FILE)
    return WeightsInfo(name=timm_name, source=f"hf-hub:{repo}", sha256=sha256_file(cached), path=str(cached))


def resolve_hub_model(model_name: str, where: str) -> str:
    """A transformers model name or folder that loads offline: a local folder as is, a cached hub repo as its
    local snapshot; an uncached repo only while the hub answers, else one line naming the fix."""
    if not model_name:
        return model_name
    if Path(model_name).is_dir():
        _check_folder(Path(model_name), where)
        return model_name
    if Path(model_name).exists() or model_name.startswith((".", "/")) or model_name.count("/") > 1:
        raise InputError(f"{model_name}: not a model folder (params.yaml '{where}'); {FIX}, or `dvc pull`")
    from huggingface_hub import snapshot_download

    reason = hub_offline_reason()
    if reason is None:
        return model_name
    try:
        return snapshot_download(model_name, local_files_only=True)
    except Exception as exc:  # noqa: BLE001 - any miss in the local cache means the same thing here
        raise ParamsError(f"{where}: {model_name!r} needs the hub, but {reason} and it is not "
                          f"cached; {FIX} and set {where}: weights/{NOTES_DIR}/{model_name.split('/')[-1]}"
                          ) from exc


def _check_folder(folder: Path, where: str) -> None:
    """A pinned encoder folder must still hold the files, byte for byte, that its manifest lists."""
    root = folder.parent.parent
    entries = read_manifest(root)["weights"].values() if (root / MANIFEST).is_file() else ()
    for entry in entries:
        if not (isinstance(entry, dict) and isinstance(entry.get("sha256"), dict)
                and (root / str(entry.get("path", ""))).resolve() == folder.resolve()):
            continue
        for name, digest in entry["sha256"].items():
            file = folder / name
            if not file.is_file() or sha256_file(file) != digest:
                raise InputError(f"{file}: missing or changed since {root / MANIFEST} pinned it (params.yaml "
                                 f"'{where}'); `dvc checkout` it or rerun `medrepro fetch-weights`")


def _file_metadata(path: Path) -> dict[str, str]:
    from safetensors import SafetensorError, safe_open

    try:
        with safe_open(str(path), "pt") as fh:
            return dict(fh.metadata() or {})
    except (SafetensorError, OSError) as exc:
        raise InputError(f"{path}: not a readable safetensors file ({exc}); rerun `medrepro fetch-weights`"
                         ) from exc


def _classifier_keys(model: nn.Module) -> tuple[str, ...]:
    cfg = getattr(model, "pretrained_cfg", {}) or {}
    names = cfg.get("classifier") or ()
    return (names,) if isinstance(names, str) else tuple(names)


def _mismatch(state: dict[str, torch.Tensor], own: dict[str, torch.Tensor],
              skip: tuple[str, ...]) -> tuple[list[str], list[str], list[str]]:
    def is_head(key: str) -> bool:
        return any(key == s or key.startswith(s + ".") for s in skip)

    missing = [k for k in own if k not in state and not is_head(k)]
    unexpected = [k for k in state if k not in own]
    shapes = [k for k in state if k in own and state[k].shape != own[k].shape and not is_head(k)]
    return missing, unexpected, shapes


def guess_architecture(state: dict[str, torch.Tensor]) -> str | None:
    """Which registry architecture a state dict fits (models built on the meta device: no memory, no time)."""
    import timm

    from medrepro.models.registry import ARCHITECTURES

    for name, arch in ARCHITECTURES.items():
        with torch.device("meta"):
            model = timm.create_model(arch.timm_name, pretrained=False)
        own = model.state_dict()
        if not any(_mismatch(state, own, _classifier_keys(model))):
            return name
    return None


def load_pretrained(model: nn.Module, arch: str, timm_name: str, info: WeightsInfo) -> None:
    """Load starting weights into a freshly built model: everything but the classifier head must fit.

    A file of another architecture is an error naming both, never a model that silently keeps random layers.
    """
    from safetensors.torch import load_file

    path = Path(info.path)
    meta = _file_metadata(path)
    if meta.get("timm_name") and meta["timm_name"] != timm_name:
        raise InputError(f"{path}: weights of {meta.get('arch', meta['timm_name'])} ({meta['timm_name']}), but "
                         f"this model is {arch} ({timm_name}); set train_arch.{arch}.pretrained_path to its "
                         f"own file (fetch-weights writes weights/{arch}/{WEIGHTS_FILE})")
    state = load_file(path)
    filter_fn = getattr(sys.modules.get(type(model).__module__), "checkpoint_filter_fn", None)
    if callable(filter_fn):
        try:
            state = filter_fn(state, model)  # timm's own key remapping, e.g. ViT position embeddings resized
        except (KeyError, RuntimeError, ValueError, AttributeError):
            pass  # a state dict that the filter cannot read is reported below as not fitting
    own = model.state_dict()
    head = _classifier_keys(model)
    missing, unexpected, shapes = _mismatch(state, own, head)
    if missing or unexpected or shapes:
        other = guess_architecture(load_file(path))
        what = f"weights of {other}" if other else "weights of another architecture"
        example = (shapes or missing or unexpected)[0]
        raise InputError(f"{path}: {what}, but this model is {arch} ({timm_name}): {len(missing)} tensors missing, "
                         f"{len(unexpected)} unexpected, {len(shapes)} of another shape (e.g. {example}); set "
                         f"train_arch.{arch}.pretrained_path to its own file (fetch-weights writes "
                         f"weights/{arch}/{WEIGHTS_FILE})")
    keep = {k: v for k, v in state.items()
            if not (k in own and v.shape != own[k].shape)}  # a head for another number of classes
    model.load_state_dict(keep, strict=False)
