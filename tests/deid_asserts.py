"""Assertions shared by the pattern-rule tests: a value found as its category and gone, or nothing found."""

from __future__ import annotations

from medrepro.privacy.deid import deidentify, find_phi


def found(text: str, category: str) -> list[str]:
    return [text[s.start:s.end] for s in find_phi(text, names="none") if s.category == category]


def assert_gone(text: str, value: str, category: str) -> None:
    spans = found(text, category)
    assert any(value in f for f in spans), (text, spans)
    assert value not in deidentify(text).text


def assert_kept(text: str) -> None:
    assert find_phi(text, names="none") == [], (text, find_phi(text, names="none"))
