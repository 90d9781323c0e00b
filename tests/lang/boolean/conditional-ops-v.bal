import ballerina/io;

public function main() {
    boolean a = true;
    boolean b = false;
    io:println(a == !b, " ", a != b); // @output true true
    io:println(a && (b || !b)); // @output true
}
