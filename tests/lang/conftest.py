"""Collects every conformance program under tests/lang/ as its own test (see test_conformance.py)."""
