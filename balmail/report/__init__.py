"""Renderers for diagnostics, one module per output format: `text` (Ballerina style with source carets, or
plain one-liners), `json` (flat records) and `sarif` (SARIF 2.1.0 for code-scanning services)."""

from __future__ import annotations

from balmail.report.json import render_json
from balmail.report.sarif import render_sarif
from balmail.report.text import render_plain, render_text

__all__ = ["render_json", "render_plain", "render_sarif", "render_text"]
