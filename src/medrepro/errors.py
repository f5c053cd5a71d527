"""User-facing errors: one line that names the file/row, what is wrong and what to do."""

from __future__ import annotations


class MedreproError(Exception):
    """An error caused by the user's data or params, shown as one line without a traceback."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(str(message).split()))


class InputError(MedreproError):
    """Bad input data: a missing file, a malformed row, an undecodable image."""


class ParamsError(MedreproError):
    """An impossible or unknown value in params.yaml."""


class CheckpointMismatchError(MedreproError):
    """A checkpoint was made under other params or data and must not be resumed."""
