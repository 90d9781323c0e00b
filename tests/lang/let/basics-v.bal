import ballerina/io;

public function main() {
    int area = let int w = 3, int h = 4 in w * h;
    io:println(area); // @output 12
    string s = let string a = "x" in a + a;
    io:println(s); // @output xx
}
