"""Watching a running balmail: per-listener tallies and health (watch.py), Prometheus metrics and the
`/healthz` endpoint (metrics.py), log line formats (logs.py), state store inspection (inspect.py)."""
