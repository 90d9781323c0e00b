import ballerina/io;

function firstBig(int[] xs) returns int {
    int total = 0;
    foreach int x in xs {
        var big = function() returns boolean => x > 10;
        if x == 0 {
            continue;
        }
        if big() {
            return x + total;
        }
        total += x;
        if total > 100 {
            break;
        }
    }
    return -total;
}

public function main() {
    io:println(firstBig([1, 0, 2, 30, 4])); // @output 33
    io:println(firstBig([1, 2])); // @output -3
}
