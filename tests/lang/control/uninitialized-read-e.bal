import ballerina/io;

// A local variable declared without an initializer has no value until one is assigned.
public function main() {
    int unread;
    io:println(unread); // @error variable 'unread' is not initialized
}
