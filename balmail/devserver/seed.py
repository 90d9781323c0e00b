"""Seed messages for the dev mailboxes: a folder of `.eml` files, a Maildir, or one `.eml` file."""

from __future__ import annotations

from pathlib import Path

from .errors import DevServerError


def load_seed(path: str | Path) -> list[bytes]:
    """The raw messages at `path`, in file-name order (a Maildir: `new/` and `cur/` together, ordered
    by their names, which start with the delivery time)."""
    path = Path(path)
    if not path.exists():
        raise DevServerError(f"Seed path '{path}' does not exist")
    if path.is_file():
        files = [path]
    elif (path / "cur").is_dir() or (path / "new").is_dir():
        files = sorted(
            (entry for sub in ("new", "cur") if (path / sub).is_dir() for entry in (path / sub).iterdir()),
            key=lambda entry: entry.name,
        )
        files = [entry for entry in files if entry.is_file() and not entry.name.startswith(".")]
    else:
        files = sorted(
            entry for entry in path.iterdir() if entry.is_file() and entry.suffix.lower() == ".eml"
        )
    if not files:
        raise DevServerError(
            f"Seed folder '{path}' holds no messages (expected .eml files, or a Maildir with cur/ and new/)"
        )
    messages = []
    for file in files:
        try:
            raw = file.read_bytes()
        except OSError as error:
            raise DevServerError(f"Seed message '{file}' cannot be read: {error.strerror}") from None
        if not raw.strip():
            raise DevServerError(f"Seed message '{file}' is empty")
        messages.append(raw)
    return messages
