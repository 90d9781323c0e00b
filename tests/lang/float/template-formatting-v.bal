import ballerina/io;

public function main() {
    float f = 1.0;
    float g = 0.1 * 3.0;
    io:println(string `${f} ${g} ${2.5e-7}`); // @output 1.0 0.30000000000000004 2.5E-7
}
