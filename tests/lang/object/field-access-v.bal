import ballerina/io;

class Box {
    public int width = 2;
    public int height = 3;
}

public function main() {
    Box b = new;
    io:println(b.width * b.height); // @output 6
    b.width = 10;
    io:println(b.width); // @output 10
}
