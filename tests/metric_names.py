"""Check metrics JSON against the vocabulary in docs/metrics.md (used by test_metric_vocabulary and the
stage tests)."""

from __future__ import annotations

import json
import re
from pathlib import Path

DOC = Path(__file__).resolve().parents[1] / "docs" / "metrics.md"
SPLITS = {"train", "val", "test"}


def _tokens(cell: str) -> list[str]:
    """Backticked names of a table's first cell, without shorthands ('.ppv', 'at_sensitivity.…')."""
    return [t for t in re.findall(r"`([^`]+)`", cell) if not t.startswith(".") and "\u2026" not in t]


def vocabulary(doc: Path = DOC) -> dict[str, list[str]]:
    """names, suffixes and containers listed in docs/metrics.md, by section heading."""
    out: dict[str, list[str]] = {"names": [], "suffixes": [], "containers": []}
    kind = "names"
    for line in doc.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            heading = line[3:].strip().lower()
            kind = {"suffixes": "suffixes", "containers": "containers"}.get(heading, "names")
        elif line.startswith("| `"):
            out[kind] += _tokens(line.split("|")[1])
    return out


def _pattern(name: str) -> re.Pattern:
    return re.compile("".join("[^.]+" if part.startswith("<") else re.escape(part)
                              for part in re.split(r"(<[^>]+>)", name)))


class Vocabulary:
    def __init__(self, doc: Path = DOC) -> None:
        v = vocabulary(doc)
        self.names = [_pattern(n) for n in v["names"]]
        self.suffixes = sorted(v["suffixes"], key=len, reverse=True)
        self.sections = {c for c in v["containers"] if "." not in c}
        self.grouping = {c.split(".")[0] for c in v["containers"] if c.endswith(".<group>")}

    def is_name(self, key: str) -> bool:
        if any(p.fullmatch(key) for p in self.names):
            return True
        return any(key.endswith(s) and len(key) > len(s) and self.is_name(key[: -len(s)]) for s in self.suffixes)

    def unknown(self, data: object, dynamic: set[str] = frozenset()) -> list[str]:
        """Leaf paths of `data` (nested dicts, dotted keys split) that use a name not in the vocabulary."""
        bad = []
        for path in _leaves(data):
            segments = path.split(".")
            start = next((j for j in range(len(segments)) if self.is_name(".".join(segments[j:]))), None)
            if start is None:
                bad.append(path)
                continue
            for i, seg in enumerate(segments[:start]):
                if not (seg in self.sections or seg in self.grouping or seg in dynamic or seg in SPLITS
                        or seg.isdigit() or "_vs_" in seg or (i > 0 and segments[i - 1] in self.grouping)
                        or self.is_name(seg)):
                    bad.append(path)
                    break
        return bad

    def unknown_in_file(self, path: Path, dynamic: set[str] = frozenset()) -> list[str]:
        return [f"{path.name}: {key}" for key in self.unknown(json.loads(path.read_text()), dynamic)]


def _leaves(node: object, prefix: str = ""):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _leaves(value, f"{prefix}{key}.")
    else:
        yield prefix[:-1]
