import ballerina/io;

public function main() {
    (function () returns int)[] fs = [];
    foreach int i in 0 ..< 3 {
        int squared = i * i;
        fs.push(function() returns int => squared + i);
    }
    int[] results = from var f in fs select f();
    io:println(results); // @output [0,2,6]
    string[] names = ["a", "b"];
    (function () returns string)[] gs = [];
    foreach string n in names {
        gs.push(() => n.toUpperAscii());
    }
    io:println(gs[0](), gs[1]()); // @output AB
}
