import ballerina/io;

function joinAll(string... parts) returns string {
    return string:'join("+", ...parts);
}

public function main() {
    io:println(joinAll("a", "b", "c")); // @output a+b+c
    io:println(joinAll()); // @output 
}
