import ballerina/io;

public function main() {
    error e = error("bad", count = 2);
    io:println(e.toString()); // @output error("bad",count=2)
    io:println(string `got ${e.toString()}`); // @output got error("bad",count=2)
}
