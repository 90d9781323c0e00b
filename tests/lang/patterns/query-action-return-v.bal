import ballerina/io;

// `return` in the block of a query action statement returns from the enclosing function
function firstOver(int[] xs, int bound) returns int {
    from var x in xs
        do {
            if x > bound {
                return x;
            }
        };
    return -1;
}

public function main() {
    io:println(firstOver([3, 8, 12, 20], 10)); // @output 12
    io:println(firstOver([1, 2], 10)); // @output -1
}
