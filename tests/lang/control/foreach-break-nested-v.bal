import ballerina/io;

public function main() {
    int found = -1;
    foreach int i in 0 ..< 10 {
        foreach int j in 0 ..< 10 {
            if i * j == 42 {
                found = i * 100 + j;
                break;
            }
        }
        if found >= 0 {
            break;
        }
    }
    io:println(found); // @output 607
}
