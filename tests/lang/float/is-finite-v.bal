import ballerina/io;

public function main() {
    float inf = float:Infinity;
    io:println(inf.isInfinite()); // @output true
    io:println(inf.isFinite()); // @output false
    io:println((1.0).isFinite()); // @output true
}
