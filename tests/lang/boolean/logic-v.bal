import ballerina/io;

public function main() {
    boolean t = true;
    boolean f = false;
    io:println(t && f); // @output false
    io:println(t || f); // @output true
    io:println(!t); // @output false
    io:println(t && !f || f); // @output true
}
