import ballerina/io;

public function main() {
    int x = int:MAX_VALUE;
    int|error r = trap (x + 1);
    if r is error {
        io:println(r.message()); // @output {ballerina}NumberOverflow
    }
}
