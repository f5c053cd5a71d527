"""Which code a result came from: a stage script's import closure inside medrepro, and its content hash.

The closure is read from the source (every `import`, at any depth, function-level ones included),
so it is cheap enough to compute on every training start and it does not execute anything. The
same closure feeds the checkpoint fingerprint (a checkpoint resumes only under identical code)
and the test that every module a stage imports is one of its declared dvc.yaml deps.
"""

from __future__ import annotations

import ast
import hashlib
import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def _module_file(package_dir: Path, name: str) -> Path | None:
    """`pkg.a.b` -> pkg/a/b.py or pkg/a/b/__init__.py, or None when there is no such module."""
    parts = name.split(".")[1:]
    base = package_dir.joinpath(*parts)
    for candidate in (base.with_suffix(".py") if parts else None, base / "__init__.py"):
        if candidate is not None and candidate.is_file():
            return candidate
    return None


def _module_name(package_dir: Path, path: Path) -> str | None:
    try:
        rel = path.resolve().relative_to(package_dir)
    except ValueError:
        return None
    parts = [package_dir.name, *rel.with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported_names(path: Path, package: str, own: str | None) -> set[str]:
    """Absolute names of the `package` modules (and would-be submodules) that `path` imports."""
    tree = ast.parse(path.read_bytes(), filename=str(path))
    is_pkg_init = path.name == "__init__.py"
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                if own is None:
                    continue
                anchor = own.split(".")
                anchor = anchor if is_pkg_init else anchor[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names if alias.name != "*")
    return {n for n in names if n == package or n.startswith(package + ".")}


def import_closure(script: str | Path, package_dir: str | Path = PACKAGE_DIR) -> list[Path]:
    """The script plus every file of the package (parent `__init__.py` files included) it imports, transitively."""
    package_dir = Path(package_dir).resolve()
    package = package_dir.name
    script = Path(script).resolve()
    seen: set[Path] = {script}
    todo = [script]
    while todo:
        path = todo.pop()
        for name in _imported_names(path, package, _module_name(package_dir, path)):
            parts = name.split(".")
            for depth in range(1, len(parts) + 1):  # importing pkg.a.b runs pkg/__init__ and pkg/a/__init__
                found = _module_file(package_dir, ".".join(parts[:depth]))
                if found is not None and found not in seen:
                    seen.add(found)
                    todo.append(found)
    return sorted(seen)


def display_path(path: Path, package_dir: Path = PACKAGE_DIR) -> str:
    """`medrepro/train/loop.py` for package files, the path relative to the working dir for the rest."""
    path = Path(path).resolve()
    try:
        return path.relative_to(Path(package_dir).resolve().parent).as_posix()
    except ValueError:
        pass
    try:
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:  # another drive on Windows
        return path.as_posix()


def code_fingerprint(script: str | Path, package_dir: str | Path = PACKAGE_DIR) -> dict[str, str]:
    """{file: sha256 of its bytes} for the script's import closure: what a checkpoint's code was."""
    return {display_path(p, Path(package_dir)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in import_closure(script, package_dir)}
