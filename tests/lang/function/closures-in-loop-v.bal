import ballerina/io;

public function main() {
    (function () returns int)[] fs = [];
    foreach int i in 0 ..< 3 {
        int captured = i * 10;
        fs.push(function() returns int => captured);
    }
    int total = 0;
    foreach var f in fs {
        total += f();
    }
    io:println(total >= 0); // @output true
}
