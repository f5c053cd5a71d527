"""Typed params: params.yaml sections become dataclasses once, at the stage boundary."""

from __future__ import annotations

import dataclasses
import os
import sys
import traceback
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from medrepro.errors import MedreproError, ParamsError

T = TypeVar("T")


def load_params(path: str | os.PathLike = "params.yaml") -> dict[str, Any]:
    """Read params.yaml as DVC does (YAML 1.2, safe loader), so `no`/`on` stay strings after `dvc exp run -S`."""
    path = Path(path)
    if not path.is_file():
        raise ParamsError(f"{path}: params file not found; run from the repository root")
    try:
        data = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
    except YAMLError as exc:
        raise ParamsError(f"{path}: not valid YAML ({exc.__class__.__name__})") from exc
    if not isinstance(data, dict):
        raise ParamsError(f"{path}: expected a mapping at the top level")
    return data


def section(params: dict[str, Any], dotted: str) -> Any:
    """Return params['a']['b'] for 'a.b', with a clear error naming the missing key."""
    node: Any = params
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            raise ParamsError(f"params.yaml: missing key '{dotted}'")
        node = node[part]
    return node


def architecture_list(params: dict[str, Any], at_least: int = 1) -> list[str]:
    """The `architectures` list, checked once for every stage that reads all architectures."""
    archs = section(params, "architectures")
    if not isinstance(archs, list) or not archs or not all(isinstance(a, str) and a for a in archs):
        raise ParamsError("params.yaml: 'architectures' must be a non-empty list of names")
    if len(set(archs)) != len(archs):
        raise ParamsError(f"params.yaml: 'architectures' lists a name twice: {archs}")
    if len(archs) < at_least:
        raise ParamsError(f"params.yaml: 'architectures' needs at least {at_least} names to compare")
    return archs


def from_dict(cls: type[T], data: dict[str, Any] | None, where: str) -> T:
    """Build dataclass `cls` from a dict, rejecting unknown keys and converting simple types."""
    data = dict(data or {})
    fields = {f.name: f for f in dataclasses.fields(cls)}
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise ParamsError(f"params.yaml: unknown key(s) {unknown} in '{where}'; allowed: {sorted(fields)}")
    hints = typing.get_type_hints(cls)
    kwargs = {}
    for name, value in data.items():
        kwargs[name] = _coerce(value, hints[name], f"{where}.{name}")
    try:
        return cls(**kwargs)
    except TypeError as exc:
        raise ParamsError(f"params.yaml: '{where}': {exc}") from exc


def _coerce(value: Any, hint: Any, where: str) -> Any:
    origin = typing.get_origin(hint)
    if hint is float and isinstance(value, (int, float, str)) and not isinstance(value, bool):
        try:
            return float(value)
        except ValueError as exc:
            raise ParamsError(f"params.yaml: '{where}' must be a number, got {value!r}") from exc
    if hint is int and not isinstance(value, int):
        raise ParamsError(f"params.yaml: '{where}' must be an integer, got {value!r}")
    if hint is bool and not isinstance(value, bool):
        raise ParamsError(f"params.yaml: '{where}' must be true or false, got {value!r}")
    if origin in (list, tuple) and not isinstance(value, (list, tuple)):
        raise ParamsError(f"params.yaml: '{where}' must be a list, got {value!r}")
    if origin in (list, tuple):
        return list(value)
    return value


def run_stage(main: Callable[[], None]) -> None:
    """Run a stage: user errors become one line on stderr and exit 1; MEDREPRO_DEBUG=1 shows the trace."""
    from medrepro.io import DiskFullError, is_disk_full

    try:
        try:
            main()
        except Exception as exc:
            if not is_disk_full(exc):
                raise
            folder = Path(getattr(exc, "filename", None) or ".").parent
            raise DiskFullError(folder, 0, f"{exc.__class__.__name__}") from exc
    except MedreproError as exc:
        if os.environ.get("MEDREPRO_DEBUG"):
            traceback.print_exc()
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(1)
