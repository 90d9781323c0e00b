import ballerina/io;

xmlns "http://example.com/a" as a;

public function main() {
    xml ok = xml `<a:x/>`;
    xml bad = xml `<b:x/>`; // @error undefined namespace prefix 'b'
    io:println(ok, bad);
}
