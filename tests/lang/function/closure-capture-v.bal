import ballerina/io;

function counter() returns function () returns int {
    int count = 0;
    return function() returns int {
        count += 1;
        return count;
    };
}

public function main() {
    var next = counter();
    _ = next();
    _ = next();
    io:println(next()); // @output 3
    var other = counter();
    io:println(other()); // @output 1
}
