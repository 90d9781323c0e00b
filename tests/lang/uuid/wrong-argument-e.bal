import ballerina/io;
import ballerina/uuid;

public function main() {
    io:println(uuid:validate(42)); // @error incompatible types: expected 'string', found 'int'
}
