import ballerina/io;

public function main() {
    int|error r = int:fromString("hello");
    io:println(r); // @output error("{ballerina/lang.int}NumberParsingError",message="'string' value 'hello' cannot be converted to 'int'")
}
