import ballerina/io;

public function main() {
    float nan = float:NaN;
    io:println(nan < 1.0); // @output false
    io:println(nan > 1.0); // @output false
    io:println(nan == nan); // @output true
    io:println(float:Infinity > 1.0e308); // @output true
}
