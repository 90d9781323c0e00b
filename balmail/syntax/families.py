"""The construct-family builder modules. Importing this registers their rule builders with `build.Builder`
(see `build.rule`); the parser imports it before it creates its rule callbacks. One import per family:
"""

from __future__ import annotations

from balmail.syntax import (
    build_constructs,  # noqa: F401  (helper "constructs")
    build_decls,  # noqa: F401  (module-level declarations, functions, objects, annotations)
    build_patterns,  # noqa: F401  (helper "patterns")
    build_queries,  # noqa: F401  (query expressions)
    build_statements,  # noqa: F401  (statements, match and binding patterns)
    build_syntax,  # noqa: F401  (helper "syntax")
    build_tables,  # noqa: F401  (helper "tables")
    build_types,  # noqa: F401  (type descriptors)
    build_workers,  # noqa: F401  (helper "workers")
    build_xml,  # noqa: F401  (helper "xml")
)
