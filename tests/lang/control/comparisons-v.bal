import ballerina/io;

public function main() {
    int a = 3;
    float f = 2.5;
    string? subject = "hi";
    io:println(f < 3); // @output true
    io:println(a == 3 && f != 2); // @output true
    io:println(subject == ()); // @output false
    io:println(subject.toString()); // @output hi
    int total = 0;
    foreach var i in 0 ..< 3 {
        int twice = i * 2;
        total += twice;
    }
    io:println(total); // @output 6
}
