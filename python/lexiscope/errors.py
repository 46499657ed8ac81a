"""Exceptions raised by lexiscope.

Every exception derives from :class:`LexiscopeError`, and also from the
built-in exception a caller would naturally catch (``ValueError``,
``TypeError``), so ``except ValueError`` keeps working.
"""

from __future__ import annotations

__all__ = [
    "LexiscopeError",
    "InvalidArgumentError",
    "InputTypeError",
    "DocumentError",
    "ReadError",
    "StateError",
]


class LexiscopeError(Exception):
    """Base class of every lexiscope exception."""


class InvalidArgumentError(LexiscopeError, ValueError):
    """An argument has a value lexiscope cannot use; the message names it."""


class InputTypeError(LexiscopeError, TypeError):
    """An input has the wrong type (for example ``None`` in a list of texts); the message names the item."""


class DocumentError(LexiscopeError, ValueError):
    """A document of a corpus is unusable (duplicate id, unknown id, ...); the message names it."""


class ReadError(LexiscopeError, ValueError):
    """A file could not be read or decoded; the message names the file and the byte offset."""


class StateError(LexiscopeError, ValueError):
    """Saved state (a pickle) could not be restored."""
