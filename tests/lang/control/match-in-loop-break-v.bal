import ballerina/io;

public function main() {
    int[] xs = [1, 2, 3, 4];
    int seen = 0;
    foreach int x in xs {
        match x {
            3 => {
                break;
            }
            _ => {
                seen += 1;
            }
        }
    }
    io:println(seen); // @output 2
}
