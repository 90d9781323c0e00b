import ballerina/io;

public function main() {
    string? name = ();
    io:println(name ?: "anonymous"); // @output anonymous
    string? other = "ann";
    io:println(other ?: "anonymous"); // @output ann
}
