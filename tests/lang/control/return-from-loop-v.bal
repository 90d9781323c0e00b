import ballerina/io;

function firstNegative(int[] xs) returns int? {
    foreach int x in xs {
        if x < 0 {
            return x;
        }
    }
    return ();
}

public function main() {
    io:println(firstNegative([3, -2, -5])); // @output -2
    io:println(firstNegative([1, 2]) is ()); // @output true
}
