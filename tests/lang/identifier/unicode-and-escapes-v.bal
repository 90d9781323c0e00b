import ballerina/io;

// Identifiers (spec, "Identifiers"): an IdentifierInitialChar or IdentifierFollowingChar may be any
// character outside ASCII that is not private use, pattern white space or pattern syntax, so letters
// with combining marks (Thai vowel signs, U+0E34) belong to the name; an IdentifierEscape `\` may
// precede any ASCII character but a letter, tab, LF or CR, a space included; `\u{H}` names a code point.
function พิมพ์ชื่อ(string ชื่อ) returns string {
    return "สวัสดี " + ชื่\u{E2D};
}

string first\ name = "Ballerina";

public function main() {
    io:println(พิมพ์ชื่อ("โลก")); // @output สวัสดี โลก
    io:println(first\ name); // @output Ballerina
    int naïve = 2;
    int a\.b = 3;
    io:println(naïve + a\.b); // @output 5
    record {| int ग्राम; |} r = {ग्राम: 7};
    io:println(r); // @output {"ग्राम":7}
}
