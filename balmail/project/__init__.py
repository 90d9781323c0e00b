"""What a program is: one `.bal` file, or a Ballerina package (a folder with `Ballerina.toml`, a default
module over its root `.bal` files, submodules under `modules/NAME/`, tests under `tests/`). Everything above
(check, lint, run, test) takes a `Project`. See docs/packages.md for the model and the API."""

from balmail.project.layout import (
    ModuleSources,
    Project,
    ProjectError,
    discover,
    find_package_root,
    load_project,
)
from balmail.project.manifest import Manifest, package_name_problem
from balmail.project.modules import PackageModules, ParsedModule, parse_project

__all__ = [
    "Manifest",
    "ModuleSources",
    "PackageModules",
    "ParsedModule",
    "Project",
    "ProjectError",
    "discover",
    "find_package_root",
    "load_project",
    "package_name_problem",
    "parse_project",
]
