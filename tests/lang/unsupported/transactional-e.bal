import ballerina/io;

transactional function inside() { // @error 'transactional' is not supported
    io:println("inside");
}

public function main() {
    inside();
}
