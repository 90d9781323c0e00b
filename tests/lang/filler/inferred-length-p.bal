import ballerina/io;

public function main() {
    // `T[*]` takes its length from the list constructor and stays fixed
    int[*] xs = [1, 2, 3];
    io:println(xs.length(), " ", xs); // @output 3 [1,2,3]
    xs.push(4); // @panic
}
