import ballerina/io;

public function main() {
    foreach int i in 1 ... 3 {
        io:println(i); // @output 1
        if i == 2 { // @output 2
            panic error("stop at two"); // @panic stop at two
        }
    }
}
