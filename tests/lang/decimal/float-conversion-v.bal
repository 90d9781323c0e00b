import ballerina/io;

public function main() {
    // float -> decimal takes the float's shortest decimal string form
    float f = 0.1;
    io:println(<decimal>f); // @output 0.1
    float g = 1.0e7;
    io:println(<decimal>g); // @output 1.0E+7
    float h = 1e-5;
    io:println(<decimal>h); // @output 0.000010
    float k = 3.0;
    io:println(<decimal>k); // @output 3.0
    io:println(<float>1.1d); // @output 1.1
    io:println(<int>2.5d, " ", <int>3.5d, " ", <int>-2.5d); // @output 2 4 -2
}
