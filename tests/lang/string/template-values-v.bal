import ballerina/io;

public function main() {
    float f = 2.5;
    boolean b = true;
    int[] xs = [1, 2];
    string? missing = ();
    io:println(string `${f} ${b} ${xs} [${missing}]`); // @output 2.5 true [1,2] []
}
