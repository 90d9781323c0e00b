import ballerina/io;

public function main() {
    int total = 0;
    var r = 1 ..< 4;
    foreach int i in r {
        total += i;
    }
    io:println(total); // @output 6
}
