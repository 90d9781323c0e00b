"""`ballerina/io` file functions through real programs: what they write is byte-checked on disk,
and every refusal (no flag, outside the granted folder, `..`, a symlink out) is an `io:Error`
naming the flag that grants it."""

from __future__ import annotations

import io
import os
from pathlib import Path

from balmail.app import run_program
from balmail.runtime.sandbox import Permissions


def run(tmp_path: Path, body: str, permissions: Permissions) -> tuple[int, str, str]:
    program = tmp_path / "prog.bal"
    program.write_text("import ballerina/io;\n\npublic function main() returns error? {\n" + body + "\n}\n")
    out, err = io.StringIO(), io.StringIO()
    result = run_program(program, [], permissions=permissions, out=out, err=err, cwd=tmp_path)
    return result.exit_code, out.getvalue(), (result.error_text or "") + err.getvalue()


def rw(folder: Path) -> Permissions:
    return Permissions(read=(str(folder),), write=(str(folder),))


def test_string_overwrite_and_append(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    body = f"""
    string p = "{data}/notes.txt";
    check io:fileWriteString(p, "first\\n");
    check io:fileWriteString(p, "second ü\\n", io:APPEND);
    io:println(check io:fileReadString(p));
    check io:fileWriteString(p, "again", io:OVERWRITE);
    io:println(check io:fileReadString(p));"""
    code, out, err = run(tmp_path, body, rw(data))
    assert code == 0, err
    assert out == "first\nsecond ü\n\nagain\n"
    assert (data / "notes.txt").read_bytes() == b"again"


def test_lines(tmp_path: Path) -> None:
    body = f"""
    string p = "{tmp_path}/lines.txt";
    check io:fileWriteLines(p, ["a", "b"]);
    check io:fileWriteLines(p, ["c"], io:APPEND);
    string[] lines = check io:fileReadLines(p);
    io:println(lines.length(), " ", lines[2]);"""
    code, out, err = run(tmp_path, body, rw(tmp_path))
    assert code == 0, err
    assert out == "3 c\n"
    assert (tmp_path / "lines.txt").read_bytes() == b"a\nb\nc\n"


def test_json_round_trip(tmp_path: Path) -> None:
    body = f"""
    string p = "{tmp_path}/t.json";
    check io:fileWriteJson(p, {{id: 7, tags: ["x", "y"], ok: true, price: 1.5}});
    json j = check io:fileReadJson(p);
    map<json> m = check j.ensureType();
    io:println(m["id"], " ", m["tags"], " ", m["price"]);"""
    code, out, err = run(tmp_path, body, rw(tmp_path))
    assert code == 0, err
    assert out == '7 ["x","y"] 1.5\n'
    assert (tmp_path / "t.json").read_text() == '{"id":7, "tags":["x", "y"], "ok":true, "price":1.5}'


def test_invalid_json_is_an_io_error(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text("{nope")
    body = f"""
    json|io:Error j = io:fileReadJson("{tmp_path}/bad.json");
    io:println(j is io:Error);"""
    assert run(tmp_path, body, rw(tmp_path))[:2] == (0, "true\n")


def test_bytes_overwrite_and_append(tmp_path: Path) -> None:
    body = f"""
    string p = "{tmp_path}/b.bin";
    check io:fileWriteBytes(p, [0, 255, 10]);
    check io:fileWriteBytes(p, [13], io:APPEND);
    byte[] b = check io:fileReadBytes(p);
    io:println(b.length(), " ", b[1]);"""
    code, out, err = run(tmp_path, body, rw(tmp_path))
    assert code == 0, err
    assert out == "4 255\n"
    assert (tmp_path / "b.bin").read_bytes() == bytes([0, 255, 10, 13])


def test_missing_file_is_an_io_error(tmp_path: Path) -> None:
    body = f"""
    string|io:Error s = io:fileReadString("{tmp_path}/absent.txt");
    if s is io:Error {{
        io:println(s.message());
    }}"""
    code, out, _ = run(tmp_path, body, rw(tmp_path))
    assert code == 0
    assert out == f"no such file or directory: {tmp_path}/absent.txt\n"


def test_read_refused_without_flag_names_the_flag(tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("s")
    body = f'io:println(check io:fileReadString("{tmp_path}/secret.txt"));'
    code, out, err = run(tmp_path, body, Permissions())
    assert (code, out) == (1, "")
    assert f"grant it with --allow-read={tmp_path}/secret.txt" in err


def test_write_refused_without_flag_names_the_flag(tmp_path: Path) -> None:
    for call in ("fileWriteString(p, \"x\")", "fileWriteBytes(p, [1])", "fileWriteJson(p, {})",
                 "fileWriteLines(p, [\"x\"])"):  # fmt: skip
        body = f'string p = "{tmp_path}/out.txt";\n    check io:{call};'
        code, _, err = run(tmp_path, body, Permissions(read=None))
        assert code == 1 and f"--allow-write={tmp_path}/out.txt" in err, call
    assert not (tmp_path / "out.txt").exists()


def test_every_read_function_is_refused(tmp_path: Path) -> None:
    (tmp_path / "in.txt").write_text("[1]")
    for call in ("fileReadString", "fileReadLines", "fileReadJson", "fileReadBytes"):
        body = f'_ = check io:{call}("{tmp_path}/in.txt");'
        code, _, err = run(tmp_path, body, Permissions(write=None))
        assert code == 1 and "--allow-read=" in err, call


def test_dotdot_cannot_escape_the_granted_folder(tmp_path: Path) -> None:
    granted = tmp_path / "granted"
    granted.mkdir()
    (tmp_path / "outside.txt").write_text("outside")
    body = f"""
    string|io:Error s = io:fileReadString("{granted}/../outside.txt");
    io:println(s is io:Error ? s.message() : s);
    io:Error? w = io:fileWriteString("{granted}/../escaped.txt", "x");
    io:println(w is io:Error);"""
    code, out, err = run(tmp_path, body, rw(granted))
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("permission denied: reading") and "--allow-read=" in lines[0]
    assert lines[1] == "true"
    assert not (tmp_path / "escaped.txt").exists()


def test_symlink_cannot_escape_the_granted_folder(tmp_path: Path) -> None:
    granted = tmp_path / "granted"
    granted.mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("secret")
    os.symlink(outside, granted / "link")
    os.symlink(outside / "target.txt", granted / "dangling")
    body = f"""
    string|io:Error s = io:fileReadString("{granted}/link/secret.txt");
    io:println(s is io:Error);
    io:Error? w = io:fileWriteString("{granted}/dangling", "x");
    io:println(w is io:Error ? w.message() : "written");"""
    code, out, err = run(tmp_path, body, rw(granted))
    assert code == 0, err
    assert out.splitlines()[0] == "true"
    assert out.splitlines()[1].startswith("permission denied: writing")
    assert not (outside / "target.txt").exists()


def test_granted_folder_allows_relative_paths_inside(tmp_path: Path) -> None:
    body = (
        'check io:fileWriteString("out/./x.txt", "ok");\n'
        '    io:println(check io:fileReadString("out/x.txt"));'
    )
    (tmp_path / "out").mkdir()
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        code, out, err = run(tmp_path, body, rw(tmp_path / "out"))
    finally:
        os.chdir(cwd)
    assert (code, out) == (0, "ok\n"), err
