"""The `balmail` command line. The only module that prints or exits."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from balmail import __version__
from balmail.diagnostics import Diagnostic
from balmail.source import SourceFile

EXIT_OK = 0
EXIT_ERRORS = 1
EXIT_USAGE = 2


def collect_files(paths: tuple[str, ...]) -> list[Path]:
    """Expand the command's paths: a folder means every `.bal` file under it (sorted, stable order)."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.bal") if p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            raise click.UsageError(f"no such file or folder: '{raw}'")
    if not files:
        raise click.UsageError("no .bal files found in: " + ", ".join(paths))
    return files


def read_sources(files: list[Path]) -> list[SourceFile]:
    """Read each file; an unreadable file is a usage error with a clear message."""
    sources = []
    for path in files:
        try:
            sources.append(SourceFile.read(path))
        except OSError as e:
            raise click.UsageError(f"cannot read '{path}': {e.strerror or e}") from None
    return sources


def emit(diagnostics: list[Diagnostic], sources: list[SourceFile], fmt: str, base_dir: Path) -> None:
    """Print diagnostics in the chosen format on stdout."""
    from balmail.report import render_json, render_sarif, render_text

    if fmt == "json":
        click.echo(render_json(diagnostics))
    elif fmt == "sarif":
        click.echo(render_sarif(diagnostics, base_dir=str(base_dir)))
    elif diagnostics:
        text = render_text(diagnostics, sources)
        click.echo(text, nl=not text.endswith("\n"))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="balmail")
def main() -> None:
    """Run, check and lint Ballerina email-listener programs without a JVM."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def check(paths: tuple[str, ...], fmt: str) -> None:
    """Parse FILES (or every .bal file under a folder) and resolve names; report problems.

    Exit 0 when clean, 1 when there are errors, 2 on usage errors.
    """
    from balmail.check.program import check_source

    sources = read_sources(collect_files(paths))
    found: list[Diagnostic] = []
    for source in sources:
        found.extend(check_source(source).diagnostics)
    emit(found, sources, fmt, Path.cwd())
    if fmt == "text":
        errors = sum(1 for d in found if d.is_error)
        click.echo(f"{len(sources)} file(s) checked, {errors} error(s)", err=True)
    sys.exit(EXIT_ERRORS if any(d.is_error for d in found) else EXIT_OK)


@main.command(context_settings={"ignore_unknown_options": True})
@click.argument("paths", nargs=-1)
def lint(paths: tuple[str, ...]) -> None:
    """Lint email listener and service definitions (not yet implemented)."""
    click.echo("balmail lint: not yet implemented", err=True)
    sys.exit(EXIT_USAGE)


@main.command(context_settings={"ignore_unknown_options": True})
@click.argument("args", nargs=-1)
def run(args: tuple[str, ...]) -> None:
    """Run a .bal program (not yet implemented)."""
    click.echo("balmail run: not yet implemented", err=True)
    sys.exit(EXIT_USAGE)


if __name__ == "__main__":  # pragma: no cover
    main()
