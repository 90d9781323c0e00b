"""`io:fileWriteCsv`/`fileReadCsv` and their stream forms through real programs: the bytes on disk
(RFC 4180 quoting, `\\n` line ends, a header row for records), `skipHeaders`, rows mapped to records by
the header with each cell converted to its field's type, the module's errors for cells that do not fit,
and the sandbox's refusals."""

from __future__ import annotations

import io
from pathlib import Path

from balmail.app import run_program
from balmail.runtime.sandbox import Permissions

TYPES = """
type Employee record {|
    string name;
    int age;
    decimal salary;
    boolean active = true;
    string? team;
|};

type Member record {|
    string name;
    int age;
    string? team;
|};
"""


def run(tmp_path: Path, body: str, permissions: Permissions) -> tuple[int, str, str]:
    program = tmp_path / "prog.bal"
    program.write_text(
        "import ballerina/io;\n" + TYPES + "\npublic function main() returns error? {\n" + body + "\n}\n"
    )
    out, err = io.StringIO(), io.StringIO()
    result = run_program(program, [], permissions=permissions, out=out, err=err, cwd=tmp_path)
    return result.exit_code, out.getvalue(), (result.error_text or "") + err.getvalue()


def rw(folder: Path) -> Permissions:
    return Permissions(read=(str(folder),), write=(str(folder),))


def test_string_rows_round_trip_with_quoting(tmp_path: Path) -> None:
    body = f"""
    string p = "{tmp_path}/t.csv";
    check io:fileWriteCsv(p, [["name", "note"], ["Bob, Jr.", "said \\"hi\\""], ["Ann", ""]]);
    string[][] rows = check io:fileReadCsv(p);
    io:println(rows);
    string[][] data = check io:fileReadCsv(p, 1);
    io:println(data.length(), " ", data[0][0]);"""
    code, out, err = run(tmp_path, body, rw(tmp_path))
    assert code == 0, err
    assert (tmp_path / "t.csv").read_bytes() == b'name,note\n"Bob, Jr.","said ""hi"""\nAnn,\n'
    assert out == '[["name","note"],["Bob, Jr.","said \\"hi\\""],["Ann",""]]\n2 Bob, Jr.\n'


def test_append_adds_rows(tmp_path: Path) -> None:
    body = f"""
    string p = "{tmp_path}/t.csv";
    check io:fileWriteCsv(p, [["a", "1"]]);
    check io:fileWriteCsv(p, [["b", "2"]], io:APPEND);
    check io:fileWriteCsv(p, [["c", "3"]], io:APPEND);"""
    code, _, err = run(tmp_path, body, rw(tmp_path))
    assert code == 0, err
    assert (tmp_path / "t.csv").read_text() == "a,1\nb,2\nc,3\n"


def test_records_read_by_header_and_converted(tmp_path: Path) -> None:
    (tmp_path / "people.csv").write_text("name, age, salary, team\nAnne, 31, 1000.50, QA\nBob,40,99,\n")
    body = f"""
    Employee[] people = check io:fileReadCsv("{tmp_path}/people.csv");
    io:println(people);
    io:println(people[1].team is ());
    stream<Employee, io:Error?> s = check io:fileReadCsvAsStream("{tmp_path}/people.csv");
    check s.forEach(function(Employee e) {{
        io:println(e.name, " is ", e.age);
    }});"""
    code, out, err = run(tmp_path, body, rw(tmp_path))
    assert code == 0, err
    assert out.splitlines() == [
        '[{"name":"Anne","age":31,"salary":1000.50,"active":true,"team":"QA"},'
        '{"name":"Bob","age":40,"salary":99,"active":true,"team":null}]',
        "true",
        "Anne is 31",
        "Bob is 40",
    ]


def test_bad_cells_are_io_errors(tmp_path: Path) -> None:
    (tmp_path / "bad.csv").write_text("name,age,salary,team\nAnne,thirty,1,QA\n")
    (tmp_path / "nil.csv").write_text("name,age,salary,team\nAnne,30,,QA\n")
    body = f"""
    Employee[]|io:Error bad = io:fileReadCsv("{tmp_path}/bad.csv");
    io:println(bad is io:Error ? bad.message() : "read");
    Employee[]|io:Error empty = io:fileReadCsv("{tmp_path}/nil.csv");
    io:println(empty is io:Error ? empty.message() : "read");"""
    code, out, err = run(tmp_path, body, rw(tmp_path))
    assert code == 0, err
    assert out.splitlines() == [
        "Invalid value: thirty for the field: 'age'",
        "Field 'salary' does not support nil value.",
    ]


def test_records_written_with_a_header_and_appended_in_its_order(tmp_path: Path) -> None:
    body = f"""
    string p = "{tmp_path}/out.csv";
    Member[] people = [{{name: "Anne", age: 31, team: "QA"}}];
    check io:fileWriteCsv(p, people);
    map<anydata>[] more = [{{team: (), age: 22, name: "Cy"}}];
    check io:fileWriteCsv(p, more, io:APPEND);
    stream<string[], io:Error?> rows = [["x", "y"], ["1", "2"]].toStream();
    check io:fileWriteCsvFromStream("{tmp_path}/s.csv", rows);"""
    code, _, err = run(tmp_path, body, rw(tmp_path))
    assert code == 0, err
    assert (tmp_path / "out.csv").read_text() == "name,age,team\nAnne,31,QA\nCy,22,\n"
    assert (tmp_path / "s.csv").read_text() == "x,y\n1,2\n"


def test_refused_without_permission(tmp_path: Path) -> None:
    (tmp_path / "in.csv").write_text("a,b\n")
    body = f"""
    string[][]|io:Error r = io:fileReadCsv("{tmp_path}/in.csv");
    io:println(r is io:Error ? r.message() : "read");
    io:Error? w = io:fileWriteCsv("{tmp_path}/out.csv", [["a"]]);
    io:println(w is io:Error ? w.message() : "written");"""
    code, out, err = run(tmp_path, body, Permissions(read=(), write=()))
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("permission denied: reading") and "--allow-read=" in lines[0]
    assert lines[1].startswith("permission denied: writing") and "--allow-write=" in lines[1]
    assert not (tmp_path / "out.csv").exists()
