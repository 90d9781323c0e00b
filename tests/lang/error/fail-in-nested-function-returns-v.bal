import ballerina/io;

function inner() returns error? {
    fail error("inner failure");
}

public function main() {
    do {
        error? e = inner();
        io:println(e is error); // @output true
    } on fail {
        io:println("not reached");
    }
}
