import ballerina/io;

int counter = 0;

public function main() {
    lock {
        counter += 1;
    }
    io:println(counter); // @output 1
}
