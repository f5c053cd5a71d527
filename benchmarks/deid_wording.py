"""Wording comparison for the held-out files' sentence templates and clinical-string frames.

A held-out file must not reuse the wording of any file written before it, or a rule tuned on the earlier
wording would inflate its estimate. The tests of each held-out split read the earlier files' source (nothing is
imported from them) and compare normalised words, three-word runs and the two words either side of "{c}".
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

STOP = frozenset("a an the of on in at to for and or as is was with by from her his she he it its".split())


def trees(paths: list[Path]) -> list[ast.Module]:
    """The parsed source of each file."""
    return [ast.parse(p.read_text(encoding="utf-8"), filename=str(p)) for p in paths]


def literals(tree: ast.Module) -> list[str]:
    """Every string literal of a file (f-string pieces included) but its docstrings: its sentence templates."""
    docs = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docs.add(id(first.value))
    return [n.value for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs]


def frames_in(tree: ast.Module) -> list[str]:
    """The CLINICAL_FRAMES a file assigns, read from its source (nothing is imported)."""
    out: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "CLINICAL_FRAMES"
                                                for t in node.targets):
            out.extend(ast.literal_eval(node.value))
    return out


def segments(text: str) -> list[list[str]]:
    """Lower-cased words of a template, split where a placeholder ("{c}", "{v}", an f-string value) sits."""
    return [[w.lower() for w in re.findall(r"[^\W_]+", piece)] for piece in re.split(r"\{[^{}]*\}", text)]


def normal(text: str) -> str:
    return " ".join(w for seg in segments(text) for w in seg)


def trigrams(text: str) -> set[tuple[str, ...]]:
    return {tuple(seg[i:i + 3]) for seg in segments(text) for i in range(len(seg) - 2)}


def neighbours(frame: str) -> set[tuple[str, ...]]:
    """The two words either side of the string (fewer where the line ends): what a cue would key on."""
    before, after = segments(frame)
    out = set()
    if len(before) >= 2:
        out.add(("<",) + tuple(before[-2:]))
    if len(after) >= 2:
        out.add((">",) + tuple(after[:2]))
    return out


def shared_wording(frames: list[str] | tuple[str, ...], earlier: list[ast.Module],
                   harness_frames: tuple[str, ...]) -> list[tuple[str, str, object]]:
    """(frame, what, overlap) for each way a frame repeats earlier wording: a content word of the harness's
    frames, its whole normalised text, a three-word run, or the two words either side of "{c}"."""
    harness_words = {w for f in harness_frames for seg in segments(f) for w in seg} - STOP
    texts = [s for t in earlier for s in literals(t)]
    earlier_frames = [f for t in earlier for f in frames_in(t)]
    earlier_normal = {normal(s) for s in texts}
    earlier_trigrams = set().union(*map(trigrams, texts))
    earlier_neighbours = set().union(*map(neighbours, earlier_frames))
    out: list[tuple[str, str, object]] = []
    for f in frames:
        words = {w for seg in segments(f) for w in seg}
        for what, overlap in (("harness words", words & harness_words),
                              ("normalised text", {normal(f)} & earlier_normal),
                              ("three-word runs", trigrams(f) & earlier_trigrams),
                              ("words around {c}", neighbours(f) & earlier_neighbours)):
            if overlap:
                out.append((f, what, overlap))
    return out
