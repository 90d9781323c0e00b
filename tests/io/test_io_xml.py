"""`io:fileReadXml`/`fileWriteXml` through real programs with file permissions: the bytes on disk (the
DOCTYPE line as the module builds it), the round trip to an equal xml value, appending an external
parsed entity, reading a document with a declaration and DTD, a file that is not XML, and the sandbox's
refusals (a path outside the granted folder, a symlink out of it)."""

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


NOTE = "xml `<note><to>Tove</to><from>Jani</from></note>`"


def test_round_trip_and_doctypes(tmp_path: Path) -> None:
    body = f"""
    xml note = {NOTE};
    check io:fileWriteXml("{tmp_path}/a.xml", note);
    xml back = check io:fileReadXml("{tmp_path}/a.xml");
    io:println(back == note, " ", back);
    check io:fileWriteXml("{tmp_path}/s.xml", note, doctype = {{system: "Note.dtd"}});
    check io:fileWriteXml("{tmp_path}/p.xml", note, doctype = {{'public: "-//W3C//DTD HTML 4.01//EN"}});
    check io:fileWriteXml("{tmp_path}/ps.xml", note, doctype = {{'public: "-//A//B", system: "b.dtd"}});
    check io:fileWriteXml("{tmp_path}/i.xml", note, doctype = {{internalSubset: "[<!ELEMENT to (#PCDATA)>]",
        system: "ignored.dtd"}});
    xml fromDtd = check io:fileReadXml("{tmp_path}/i.xml");
    io:println(fromDtd == note);"""
    code, out, err = run(tmp_path, body, rw(tmp_path))
    assert code == 0, err
    assert out == "true <note><to>Tove</to><from>Jani</from></note>\ntrue\n"
    text = "<note><to>Tove</to><from>Jani</from></note>"
    assert (tmp_path / "a.xml").read_text() == text
    assert (tmp_path / "s.xml").read_text() == '<!DOCTYPE note SYSTEM "Note.dtd">\n' + text
    assert (tmp_path / "p.xml").read_text() == '<!DOCTYPE note PUBLIC "-//W3C//DTD HTML 4.01//EN">\n' + text
    assert (tmp_path / "ps.xml").read_text() == '<!DOCTYPE note PUBLIC "-//A//B" "b.dtd">\n' + text
    assert (tmp_path / "i.xml").read_text() == "<!DOCTYPE note [<!ELEMENT to (#PCDATA)>]>\n" + text


def test_append_external_parsed_entity_and_sequences(tmp_path: Path) -> None:
    body = f"""
    check io:fileWriteXml("{tmp_path}/b.xml", {NOTE});
    check io:fileWriteXml("{tmp_path}/b.xml", xml `<body>Hi &amp; bye</body>`, io:APPEND,
        xmlEntityType = io:EXTERNAL_PARSED_ENTITY);
    xml both = check io:fileReadXml("{tmp_path}/b.xml");
    io:println(both.length(), " ", both.<body>.data());"""
    code, out, err = run(tmp_path, body, rw(tmp_path))
    assert code == 0, err
    assert out == "2 Hi & bye\n"
    assert (tmp_path / "b.xml").read_text().endswith("<body>Hi &amp; bye</body>")


def test_document_with_declaration_comment_and_namespaces(tmp_path: Path) -> None:
    (tmp_path / "d.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE r [<!ENTITY who "world">]>\n'
        '<r xmlns:p="urn:p"><p:x a="1">hello &who;</p:x></r>\n'
    )
    (tmp_path / "bad.xml").write_text("{ stuff:")
    body = f"""
    xml d = check io:fileReadXml("{tmp_path}/d.xml");
    io:println(d);
    xml|io:Error bad = io:fileReadXml("{tmp_path}/bad.xml");
    if bad is io:Error {{
        io:println(bad.message());
    }}"""
    code, out, err = run(tmp_path, body, Permissions(read=(str(tmp_path),)))
    assert code == 0, err
    assert out == (
        '<r xmlns:p="urn:p"><p:x a="1">hello world</p:x></r>\n'
        "failed to create xml: not well-formed (invalid token)\n"
    )


def test_refused_outside_the_granted_folder(tmp_path: Path) -> None:
    granted = tmp_path / "granted"
    granted.mkdir()
    (tmp_path / "secret.xml").write_text("<secret/>")
    os.symlink(tmp_path / "secret.xml", granted / "link.xml")
    body = f"""
    xml|io:Error viaLink = io:fileReadXml("{granted}/link.xml");
    io:println(viaLink is io:Error ? viaLink.message() : "read");
    io:Error? outside = io:fileWriteXml("{tmp_path}/out.xml", xml `<a/>`);
    io:println(outside is io:Error ? outside.message() : "written");"""
    code, out, err = run(tmp_path, body, rw(granted))
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == (
        f"permission denied: reading '{granted}/link.xml' is not allowed; "
        f"grant it with --allow-read={granted}/link.xml"
    )
    assert lines[1].startswith(f"permission denied: writing '{tmp_path}/out.xml'")
    assert not (tmp_path / "out.xml").exists()
