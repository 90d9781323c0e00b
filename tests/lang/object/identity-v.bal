import ballerina/io;

class Node {
    int v = 1;
}

public function main() {
    Node a = new;
    Node b = new;
    Node c = a;
    io:println(a === c); // @output true
    io:println(a === b); // @output false
}
