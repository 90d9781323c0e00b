import ballerina/io;

function describe(int? v) returns string {
    if v is () {
        return "nothing";
    }
    return "int " + (v + 1).toString();
}

public function main() {
    io:println(describe(()), " ", describe(41)); // @output nothing int 42
}
