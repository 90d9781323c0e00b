import ballerina/io;

public function main() {
    xml x = xml `<a/><b/>`;
    io:println(x[5].length()); // @output 0
    io:println(x.get(5)); // @panic index out of range
}
