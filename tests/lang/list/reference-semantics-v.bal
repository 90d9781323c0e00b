import ballerina/io;

function addOne(int[] xs) {
    xs.push(1);
}

public function main() {
    int[] xs = [];
    addOne(xs);
    addOne(xs);
    io:println(xs); // @output [1,1]
}
