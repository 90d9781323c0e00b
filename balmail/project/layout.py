"""Finding a program's files: a lone `.bal` file, or a package laid out as `bal new` and WSO2 Integrator
make it (`Ballerina.toml`, root `.bal` files = the default module, `modules/NAME/*.bal`, `tests/*.bal`)."""

from __future__ import annotations

from pathlib import Path

import attrs

from balmail.diagnostics import Diagnostic
from balmail.project.manifest import MANIFEST, Manifest, read_manifest
from balmail.source import SourceFile, SourceSet


class ProjectError(Exception):
    """The path names no program (missing, unreadable, no `.bal` files): a usage error."""


@attrs.frozen
class ModuleSources:
    """One module's files. `name` is "" for the default module, else the submodule's name (`util` for
    `modules/util`). `sources` is the `SourceFile` of a lone file, or the module's `SourceSet`."""

    name: str
    qualified: str
    """How Ballerina names the module: `org/pkg`, `org/pkg.util`, or the file name for a lone file."""
    folder: Path
    sources: SourceFile | SourceSet
    tests: tuple[Path, ...] = ()
    """The module's `tests/*.bal` (not part of run/check; `balmail test` compiles them with the module)."""

    @property
    def is_default(self) -> bool:
        return self.name == ""

    @property
    def files(self) -> tuple[SourceFile, ...]:
        if isinstance(self.sources, SourceFile):
            return (self.sources,)
        return self.sources.files

    @property
    def config_key(self) -> str | None:
        """The Config.toml table of the module's configurables: `org.pkg.util` for a submodule; None for
        the default module (top level or `[org.pkg]`)."""
        return None if self.is_default else self.qualified.replace("/", ".")


@attrs.frozen
class Project:
    """A program: `root` is the package folder (or a lone file's folder), `modules` the default module
    first, then submodules by name. `diagnostics` are the manifest's (errors leave `modules` empty)."""

    path: Path
    root: Path
    manifest: Manifest | None
    modules: tuple[ModuleSources, ...]
    diagnostics: tuple[Diagnostic, ...] = ()

    @property
    def is_package(self) -> bool:
        return (self.root / MANIFEST).is_file() and self.path.is_dir()

    @property
    def ok(self) -> bool:
        return not any(d.is_error for d in self.diagnostics)

    @property
    def default(self) -> ModuleSources:
        return self.modules[0]

    def module(self, name: str) -> ModuleSources | None:
        return next((m for m in self.modules if m.name == name), None)

    @property
    def files(self) -> tuple[SourceFile, ...]:
        """Every source file of run/check (tests excluded), plus `Ballerina.toml` when it has a finding."""
        found = [f for m in self.modules for f in m.files]
        if self.manifest is not None and self.diagnostics:
            found.append(self.manifest.source)
        elif self.diagnostics:
            found.append(SourceFile.read(self.root / MANIFEST))
        return tuple(found)

    def with_tests(self) -> Project:
        """The same project with each module's `tests/*.bal` compiled into it (what `balmail test` runs:
        test files see the module's non-public names)."""
        modules = []
        for m in self.modules:
            if not m.tests or isinstance(m.sources, SourceFile):
                modules.append(m)
                continue
            paths = [Path(f.path) for f in m.files] + list(m.tests)
            modules.append(attrs.evolve(m, sources=SourceSet.read(m.sources.path, paths)))
        return attrs.evolve(self, modules=tuple(modules))


def find_package_root(path: Path) -> Path | None:
    """The package a folder is (the folder itself when it has `Ballerina.toml`), else None."""
    return path if (path / MANIFEST).is_file() else None


def _bal_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix == ".bal" and p.is_file())


def load_project(path: str | Path) -> Project:
    """A `.bal` file, or a package folder (with `Ballerina.toml`). Raises `ProjectError` for a path that is
    neither; a bad manifest gives a Project with error diagnostics and no modules."""
    path = Path(path)
    if path.is_file():
        try:
            source = SourceFile.read(path)
        except OSError as e:
            raise ProjectError(f"cannot read '{path}': {e.strerror or e}") from None
        return Project(path, path.parent, None, (ModuleSources("", path.name, path.parent, source),))
    if not path.is_dir():
        raise ProjectError(f"no such file or folder: '{path}'")
    if find_package_root(path) is None:
        raise ProjectError(f"'{path}' is not a Ballerina package (no {MANIFEST} in it)")
    try:
        manifest, found = read_manifest(path / MANIFEST)
    except OSError as e:
        raise ProjectError(f"cannot read '{path / MANIFEST}': {e.strerror or e}") from None
    if manifest is None:
        return Project(path, path, None, (), tuple(found))
    manifest_path = str(path / MANIFEST)
    qualified = f"{manifest.org}/{manifest.name}"
    modules: list[ModuleSources] = []
    try:
        root_files = _bal_files(path)
        if not root_files:
            raise ProjectError(f"no .bal files in package '{path}' (the default module is its root folder)")
        modules.append(
            ModuleSources(
                "", qualified, path, SourceSet.read(manifest_path, list(root_files)),
                tuple(_bal_files(path / "tests")),
            )
        )
        sub_root = path / "modules"
        if sub_root.is_dir():
            for folder in sorted(p for p in sub_root.iterdir() if p.is_dir()):
                files = _bal_files(folder)
                if not files:
                    continue
                modules.append(
                    ModuleSources(
                        folder.name, f"{qualified}.{folder.name}", folder,
                        SourceSet.read(manifest_path, list(files)), tuple(_bal_files(folder / "tests")),
                    )
                )
    except OSError as e:
        raise ProjectError(f"cannot read '{e.filename}': {e.strerror or e}") from None
    return Project(path, path, manifest, tuple(modules), tuple(found))


def discover(paths: tuple[str, ...] | list[str]) -> list[Project]:
    """The programs `check`/`lint` PATHS name: a `.bal` file; a package folder; or any other folder,
    meaning every package under it plus every `.bal` file outside those packages, each its own program."""
    found: list[Project] = []
    for raw in paths:
        path = Path(raw)
        if path.is_file():
            found.append(load_project(path))
        elif path.is_dir() and find_package_root(path) is not None:
            found.append(load_project(path))
        elif path.is_dir():
            roots = sorted(p.parent for p in path.rglob(MANIFEST) if p.is_file())
            for root in roots:
                found.append(load_project(root))
            for file in sorted(p for p in path.rglob("*.bal") if p.is_file()):
                if not any(root in file.parents for root in roots):
                    found.append(load_project(file))
        else:
            raise ProjectError(f"no such file or folder: '{raw}'")
    if not found:
        raise ProjectError("no .bal files found in: " + ", ".join(str(p) for p in paths))
    return found
