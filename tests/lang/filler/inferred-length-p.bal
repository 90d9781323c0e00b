import ballerina/io;

public function main() {
    // `T[*]` takes its length from the list constructor and stays fixed (calling `xs.push` directly is a
    // compile error: tests/lang/array/fixed-length-resize-e.bal); through an `int[]` view it panics
    int[*] xs = [1, 2, 3];
    io:println(xs.length(), " ", xs); // @output 3 [1,2,3]
    int[] view = xs;
    view.push(4); // @panic
}
