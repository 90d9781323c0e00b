import ballerina/io;

public function main() {
    int[] xs = [];
    foreach int i in 0 ..< 1000 {
        xs.push(i);
    }
    io:println(xs.length(), " ", xs[999]); // @output 1000 999
}
