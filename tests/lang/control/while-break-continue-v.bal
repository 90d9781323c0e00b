import ballerina/io;

public function main() {
    int i = 0;
    int[] odds = [];
    while true {
        i += 1;
        if i > 9 {
            break;
        }
        if i % 2 == 0 {
            continue;
        }
        odds.push(i);
    }
    io:println(odds); // @output [1,3,5,7,9]
}
