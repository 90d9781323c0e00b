import ballerina/io;

enum Color {
    RED,
    GREEN
}

function hex(Color c) returns string {
    match c {
        RED => {
            return "#f00";
        }
        GREEN => {
            return "#0f0";
        }
    }
    return "";
}

public function main() {
    io:println(hex(RED), " ", hex(GREEN)); // @output #f00 #0f0
}
