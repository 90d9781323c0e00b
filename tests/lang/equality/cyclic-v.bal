import ballerina/io;

type Node record {
    int v;
    Node? next;
};

public function main() {
    // == compares shapes; cyclic values with the same infinite shape are equal, and the walk ends
    Node a = {v: 1, next: ()};
    a.next = a;
    Node b = {v: 1, next: ()};
    b.next = b;
    io:println(a == b); // @output true
    Node c = {v: 1, next: ()};
    Node d = {v: 1, next: c};
    c.next = d;
    io:println(a == c); // @output true
    Node e = {v: 2, next: ()};
    e.next = e;
    io:println(a == e, " ", a != e); // @output false true
    anydata[] l1 = [1];
    l1.push(l1);
    anydata[] l2 = [1];
    l2.push(l2);
    io:println(l1 == l2); // @output true
    io:println(a === a, " ", a === b); // @output true false
}
