import ballerina/io;

public function main() {
    int x = 1;
    {
        int y = x + 1;
        io:println(y); // @output 2
    }
    if x == 1 {
        int z = 10;
        x += z;
    }
    io:println(x); // @output 11
}
