"""Embedded mail servers for `balmail dev` and `balmail test`: IMAP (pymap), POP3 (ours) and SMTP
(aiosmtpd) on loopback over shared in-memory mailboxes. See docs/devserver.md."""

from __future__ import annotations

from .errors import DevServerError
from .seed import load_seed
from .servers import DevServers

__all__ = ["DevServerError", "DevServers", "load_seed"]
