"""AST → closures and generated Python: one module per construct family, plain functions of a
per-module `Compiler` state (core.py); see docs/structure.md."""
