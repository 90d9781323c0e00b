import ballerina/io;

public function main() {
    int[] xs = [1];
    int|error r = trap xs[5];
    if r is error {
        io:println(r.message()); // @output {ballerina/lang.array}IndexOutOfRange
    }
}
