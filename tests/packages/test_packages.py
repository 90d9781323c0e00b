"""Packages through the real command line: check, lint and run of package folders, exact output."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from balmail.check.packages import check_project
from balmail.project import load_project, parse_project

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def balmail(
    *args: str, cwd: Path = HERE, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "balmail.cli", *args],
        cwd=cwd, capture_output=True, text=True, check=False, env=environ,
    )


def write_package(root: Path, name: str, main: str, module: str, module_text: str) -> Path:
    """A package `acme/NAME` under `root`: `main.bal` and one submodule `modules/MODULE/MODULE.bal`."""
    package = root / name
    (package / "modules" / module).mkdir(parents=True)
    (package / "Ballerina.toml").write_text(f'[package]\norg = "acme"\nname = "{name}"\nversion = "0.1.0"\n')
    (package / "modules" / module / f"{module}.bal").write_text(module_text)
    (package / "main.bal").write_text(main)
    return package


BUILD_OPTIONS_NOTE = (
    "INFO [shop/Ballerina.toml:(6:1,6:16)] 'build-options' in 'Ballerina.toml' is not used by balmail "
    "[BAL_PROJECT_002]\n"
    "6 | [build-options]\n"
    "  | ^^^^^^^^^^^^^^^\n"
)


def test_multi_file_package_with_a_submodule_checks_clean() -> None:
    result = balmail("check", "shop")
    assert (result.returncode, result.stdout) == (0, BUILD_OPTIONS_NOTE)
    assert result.stderr == "4 file(s) checked, 0 error(s)\n"  # tests/ is not part of check


def test_lint_of_the_package_is_clean() -> None:
    result = balmail("lint", "shop")
    assert (result.returncode, result.stdout) == (0, BUILD_OPTIONS_NOTE)
    assert result.stderr == "4 file(s) linted, 0 error(s), 0 warning(s), 1 info\n"


def test_run_from_the_package_folder_reads_config_per_module() -> None:
    result = balmail("run", cwd=HERE / "shop")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "util init\nhello x! 7 util 3\nx 2 item x\n"


def test_run_a_package_by_path_reads_its_own_config_toml() -> None:
    result = balmail("run", "shop")
    assert (result.returncode, result.stdout) == (0, "util init\nhello x! 7 util 3\nx 2 item x\n")


def test_bal_config_data_overrides_the_submodule_table() -> None:
    data = 'count = 1\n[acme.shop.util]\nsuffix = "."\n'
    result = balmail("run", "shop", env={"BAL_CONFIG_DATA": data})
    assert result.stdout.splitlines()[1] == "hello x. 1 util 3"


def test_submodule_table_may_leave_out_the_org() -> None:
    """`[pkg.mod]` names the root package's submodule as `[org.pkg.mod]` does (WSO2's Config.toml reference
    writes it so); a key in it that no configurable takes is still reported."""
    result = balmail("run", "shop", env={"BAL_CONFIG_DATA": '[shop.util]\nsuffix = "."\n'})
    assert result.stdout.splitlines()[1] == "hello x. 7 util 3", result.stderr
    result = balmail("run", "shop", env={"BAL_CONFIG_DATA": '[shop.util]\nsufix = "."\n'})
    assert result.returncode == 1
    assert "unused configuration value 'shop.util.sufix'" in result.stderr


def test_a_package_that_fails_in_one_file_names_that_file() -> None:
    result = balmail("check", "broken")
    assert result.returncode == 1
    assert result.stdout == (
        "ERROR [broken/functions.bal:(2:16,2:25)] undefined symbol 'unitPrice' [BAL_NAME_001]\n"
        "2 |     return n * unitPrice;\n"
        "  |                ^^^^^^^^^\n"
    )
    assert result.stderr == "2 file(s) checked, 1 error(s)\n"
    run = balmail("run", "broken")
    assert run.returncode == 1
    assert run.stderr.startswith("ERROR [broken/functions.bal:(2:16,2:25)] undefined symbol 'unitPrice'")


def test_visibility_and_redeclaration_across_files() -> None:
    result = balmail("check", "--format", "json", "visibility")
    assert result.returncode == 1
    import json

    found = [(d["file"], d["line"], d["code"], d["message"]) for d in json.loads(result.stdout)]
    assert found == [
        ("visibility/main.bal", 4, "BAL_NAME_008", "attempt to refer to non-accessible symbol 'hidden'"),
        ("visibility/main.bal", 5, "BAL_NAME_002", "undefined function 'missing' in module 'acme/vis.util'"),
        ("visibility/more.bal", 1, "BAL_NAME_005", "redeclared symbol 'helper'"),
    ]


def test_a_folder_of_packages_checks_each_package_as_one_program() -> None:
    result = balmail("check", ".")
    assert result.returncode == 1
    assert result.stderr == "19 file(s) checked, 4 error(s)\n"  # annotations/ has 2 files


def test_run_of_a_folder_without_manifest_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "app.bal").write_text("public function main() {\n}\n")
    result = balmail("run", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.endswith(
        "Error: '.' is not a Ballerina package (no Ballerina.toml in it): "
        "give a .bal file or a package folder\n"
    )


def test_malformed_manifest_is_a_diagnostic_in_ballerina_toml(tmp_path: Path) -> None:
    (tmp_path / "Ballerina.toml").write_text('[package]\norg = "acme"\nname = "x\n')
    (tmp_path / "main.bal").write_text("public function main() {\n}\n")
    result = balmail("check", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith("ERROR [Ballerina.toml:(3:")
    assert "invalid TOML in 'Ballerina.toml'" in result.stdout
    (tmp_path / "Ballerina.toml").write_text('[build-options]\nobservabilityIncluded = true\n')
    result = balmail("check", cwd=tmp_path)
    assert result.stdout.startswith(
        "ERROR [Ballerina.toml:(1:1,1:1)] 'Ballerina.toml' has no [package] table"
    )
    (tmp_path / "Ballerina.toml").write_text('[package]\norg = "acme"\nname = "1shop"\nversion = "0.1.0"\n')
    result = balmail("check", cwd=tmp_path)
    assert result.stdout.splitlines()[0] == (
        "ERROR [Ballerina.toml:(3:1,3:15)] invalid 'name' under [package]: 'name' cannot have initial "
        "numeric characters [BAL_PROJECT_001]"
    )
    (tmp_path / "Ballerina.toml").write_bytes(b'[package]\norg = "acme\xff\xfe"\n')
    result = balmail("check", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith(
        "ERROR [Ballerina.toml:(2:12,2:13)] 'Ballerina.toml' is not a TOML file: it is not UTF-8 text"
    )
    assert "Traceback" not in result.stderr


def test_unknown_and_cyclic_module_imports(tmp_path: Path) -> None:
    shutil.copytree(HERE / "visibility", tmp_path / "vis")
    (tmp_path / "vis" / "modules" / "util" / "util.bal").write_text(
        "import vis.other;\n\npublic function hidden() returns int => other:f();\n"
    )
    (tmp_path / "vis" / "modules" / "other").mkdir()
    (tmp_path / "vis" / "modules" / "other" / "other.bal").write_text(
        "import vis.util;\nimport vis.nope;\n\npublic function f() returns int => util:hidden();\n"
    )
    result = balmail("check", "vis", cwd=tmp_path)
    assert (
        "ERROR [vis/modules/other/other.bal:(2:1,2:17)] cannot resolve module 'acme/vis.nope' [BAL_NAME_009]"
        in result.stdout
    )
    cycle = "cyclic module imports detected 'acme/vis.other -> acme/vis.util -> acme/vis.other'"
    assert cycle in result.stdout


def test_project_api_modules_in_initialisation_order_and_tests_exposed() -> None:
    project = load_project(HERE / "shop")
    assert [m.name for m in project.modules] == ["", "util"]
    assert project.default.qualified == "acme/shop"
    assert project.module("util").config_key == "acme.shop.util"  # type: ignore[union-attr]
    assert [p.name for p in project.default.tests] == ["main_test.bal"]
    package = parse_project(project)
    assert [m.name for m in package.modules] == ["util", ""]
    assert package.default.links == {"shop.util": "util"}
    with_tests = project.with_tests()
    names = [Path(f.path).name for f in with_tests.default.files]
    assert names == ["config.bal", "functions.bal", "main.bal", "main_test.bal"]
    assert check_project(with_tests).ok  # test files see the module's non-public names


def test_a_panic_in_a_package_names_the_file_of_each_frame(tmp_path: Path) -> None:
    (tmp_path / "Ballerina.toml").write_text('[package]\norg = "acme"\nname = "pp"\nversion = "0.1.0"\n')
    (tmp_path / "main.bal").write_text("public function main() {\n    _ = boom();\n}\n")
    boom = "function boom() returns int {\n    int[] xs = [];\n    return xs[3];\n}\n"
    (tmp_path / "functions.bal").write_text(boom)
    result = balmail("run", str(tmp_path))
    assert result.returncode == 1
    name = tmp_path.name
    assert result.stderr.endswith(
        f"        at {name}:boom(functions.bal:3)\n           {name}:main(main.bal:2)\n"
    ), result.stderr


def test_default_module_values_under_the_package_table() -> None:
    result = balmail("run", "shop", env={"BAL_CONFIG_DATA": "[acme.shop]\ncount = 9\n"})
    assert result.stdout.splitlines()[1] == "hello x! 9 util 3"


def test_isolated_function_calling_a_non_isolated_function_of_a_submodule(tmp_path: Path) -> None:
    """Ballerina's isolation rule holds across the package's modules: `util:plain()` is not declared
    `isolated`, so an isolated caller is refused; `util:safe()` is."""
    write_package(
        tmp_path,
        "iso",
        "import ballerina/io;\nimport iso.util;\n\n"
        "isolated function total() returns int {\n"
        "    return util:plain() + util:safe();\n"
        "}\n\n"
        "public function main() {\n    io:println(total(), util:plain());\n}\n",
        "util",
        "public function plain() returns int => 1;\n\npublic isolated function safe() returns int => 2;\n",
    )
    result = balmail("check", "--format", "json", "iso", cwd=tmp_path)
    assert result.returncode == 1
    import json

    found = [(d["file"], d["line"], d["code"], d["message"]) for d in json.loads(result.stdout)]
    assert found == [
        ("iso/main.bal", 5, "BAL_TYPE_012",
         "invalid invocation of a non-isolated function in an 'isolated' function"),
    ]  # fmt: skip


def test_log_lines_name_the_module_as_ballerina_does(tmp_path: Path) -> None:
    """Ballerina's log module prints the calling module as `org/pkg` (default module) or `org/pkg.mod`
    (a submodule); a module's own level in `[[ballerina.log.modules]]` is keyed by that name."""
    package = write_package(
        tmp_path,
        "logpkg",
        'import ballerina/log;\nimport logpkg.audit;\n\npublic function main() {\n'
        '    log:printInfo("from main");\n    log:printDebug("main detail");\n    audit:note();\n}\n',
        "audit",
        'import ballerina/log;\n\npublic function note() {\n    log:printInfo("from audit");\n'
        '    log:printDebug("audit detail");\n}\n',
    )
    result = balmail("run", "logpkg", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = [line.split(" ", 1)[1] for line in result.stderr.splitlines()]
    assert lines == [
        'level=INFO module="acme/logpkg" message="from main"',
        'level=INFO module="acme/logpkg.audit" message="from audit"',
    ], result.stderr
    levels = '[[ballerina.log.modules]]\nname = "acme/logpkg.audit"\nlevel = "DEBUG"\n'
    (package / "Config.toml").write_text(levels)
    result = balmail("run", "logpkg", cwd=tmp_path)
    lines = [line.split(" ", 1)[1] for line in result.stderr.splitlines()]
    assert lines == [
        'level=INFO module="acme/logpkg" message="from main"',
        'level=INFO module="acme/logpkg.audit" message="from audit"',
        'level=DEBUG module="acme/logpkg.audit" message="audit detail"',
    ], result.stderr


def test_cli_configurable_keys_follow_ballerinas_module_rule(tmp_path: Path) -> None:
    """`-C` keys as Ballerina's runtime matches them: a default-module variable by `x`, `pkg.x` or
    `org.pkg.x`; a submodule's only with its module name (`pkg.mod.x` or `org.pkg.mod.x`), never by the
    bare name; `x` and `pkg.x` together clash; a key nothing takes is an unused argument."""
    write_package(
        tmp_path,
        "cfg",
        'import ballerina/io;\nimport cfg.mod;\n\nconfigurable int x = 10;\n\n'
        'public function main() {\n    io:println(x, " ", mod:value());\n}\n',
        "mod",
        'configurable int x = 1;\n\npublic function value() returns int => x;\n',
    )

    def run(*flags: str) -> tuple[int, str, str]:
        result = balmail("run", *(f"-C{f}" for f in flags), "cfg", cwd=tmp_path)
        return result.returncode, result.stdout, result.stderr

    assert run() == (0, "10 1\n", "")
    assert run("x=2") == (0, "2 1\n", "")
    assert run("cfg.x=3") == (0, "3 1\n", "")
    assert run("acme.cfg.x=4", "cfg.mod.x=5") == (0, "4 5\n", "")
    assert run("acme.cfg.mod.x=6") == (0, "10 6\n", "")
    assert run("mod.x=7") == (1, "", "error: [mod.x=7] unused command line argument\n")
    assert run("x=2", "cfg.x=3") == (
        1, "", "error: configurable value for variable 'x' clashes with multiple command line arguments "
        "[x=2, cfg.x=3]\n",
    )  # fmt: skip
    assert run("acme.cfg.x=4", "x=2") == (1, "", "error: [x=2] unused command line argument\n")


def test_annotations_of_a_submodule_read_back_where_they_are_attached_and_declared() -> None:
    """`@meta:doc {...}` on a type or class of the default module: `T.@meta:doc` is the value built with
    the annotation's record type (defaults filled, read-only), `t.@doc` in `meta` reads the same value, an
    annotation without a type is `true`, one `on source type` or not attached is `()`."""
    result = balmail("run", "annotations")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        '{"title":"a point","level":1}', "true", "", "", '{"title":"a counter","level":2}', "a point", "true",
    ]
