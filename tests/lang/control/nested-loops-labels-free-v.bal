import ballerina/io;

public function main() {
    int count = 0;
    foreach int i in 0 ..< 5 {
        if i == 3 {
            continue;
        }
        int j = 0;
        while j < i {
            j += 1;
            count += 1;
        }
    }
    io:println(count); // @output 7
}
