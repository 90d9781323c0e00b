import ballerina/io;

public function main() {
    float f = 2.7;
    int i = <int>f;
    io:println(i); // @output 3
    float g = -2.7;
    io:println(<int>g); // @output -3
    int n = 7;
    io:println(<float>n); // @output 7.0
}
