import ballerina/io;

function maybe() returns error? {
    return error("ignored");
}

public function main() {
    error? e = maybe();
    io:println(e is error); // @output true
    _ = maybe();
    io:println("continued"); // @output continued
}
