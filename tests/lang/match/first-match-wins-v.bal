import ballerina/io;

public function main() {
    int x = 5;
    match x {
        5 => {
            io:println("five"); // @output five
        }
        var n if n > 0 => {
            io:println("positive");
        }
    }
}
