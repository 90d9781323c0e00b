import ballerina/io;

public function main() {
    io:println(int:abs(-5)); // @output 5
    io:println(int:max(3, 9, 4)); // @output 9
    io:println(int:min(3, 9, -4)); // @output -4
    io:println(int:sum(1, 2, 3, 4)); // @output 10
    io:println((255).toHexString()); // @output ff
    io:println(int:signum(-8)); // @output -1
}
