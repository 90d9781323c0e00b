import ballerina/io;

public function main() {
    int[] xs = [1, 2, 3];
    from int x in xs
    where x != 2
    do {
        io:println("item ", x); // @output item 1
    };
    // @output item 3
}
