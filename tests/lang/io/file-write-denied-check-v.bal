import ballerina/io;

function save() returns error? {
    check io:fileWriteString("/tmp/balmail-denied.txt", "x");
    io:println("written");
}

public function main() {
    error? e = save();
    io:println(e is error); // @output true
}
