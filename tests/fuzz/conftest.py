"""Hypothesis profiles for the fuzz suite: a bounded run by default (the whole folder stays well under a
minute), a longer one with BALMAIL_FUZZ_LONG=1. No example database: each run draws afresh, and what a
run finds is printed by Hypothesis as the falsifying example, to be kept as a plain test."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

LONG = os.environ.get("BALMAIL_FUZZ_LONG") == "1"

settings.register_profile(
    "balmail-fuzz",
    max_examples=2_000 if LONG else 60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    derandomize=not LONG,  # CI runs are repeatable; the long run explores
)
FUZZ = settings.get_profile("balmail-fuzz")
