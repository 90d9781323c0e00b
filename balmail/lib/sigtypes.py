"""The shape of a library function's declared signature (`lib/signatures.py` holds the signatures): its
own module so the checker can describe parameters without importing the library modules the signatures
read their types from (`balmail check` must start fast)."""

from __future__ import annotations

import attrs

from balmail.runtime import types as T


@attrs.frozen
class SigParam:
    """One parameter of a library function or method; the checker uses this class too
    (check/libtypes.LibParam), so compiler and checker read one description."""

    name: str
    type: T.Type
    default: bool = False
    rest: bool = False
    included: bool = False


@attrs.frozen
class Signature:
    params: tuple[SigParam, ...]
    returns: T.Type | None
