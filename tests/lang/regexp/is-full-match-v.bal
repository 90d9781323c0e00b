import ballerina/io;

public function main() {
    string:RegExp id = re `ORD-[0-9]{4}`;
    io:println(id.isFullMatch("ORD-1234")); // @output true
    io:println(id.isFullMatch("ORD-12345")); // @output false
    io:println(id.isFullMatch("xORD-1234")); // @output false
}
