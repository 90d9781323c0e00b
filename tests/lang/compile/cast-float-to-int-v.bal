import ballerina/io;

// Casting between numeric types converts the value, rounding to the nearest int.
public function main() {
    float size = 2.7;
    decimal price = 3.75;
    int rounded = <int>size;
    io:println(rounded); // @output 3
    io:println(<int>price); // @output 4
    io:println(<float>rounded); // @output 3.0
}
