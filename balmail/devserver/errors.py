"""The one exception type of the embedded dev servers: a sentence a newcomer can act on."""

from __future__ import annotations


class DevServerError(Exception):
    """The dev servers could not start, or a seed folder holds no messages."""
