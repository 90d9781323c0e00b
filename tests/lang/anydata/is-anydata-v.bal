import ballerina/io;

public function main() {
    any f = function() {
    };
    any n = 5;
    io:println(f is anydata, " ", n is anydata); // @output false true
}
