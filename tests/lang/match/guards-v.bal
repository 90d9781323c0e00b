import ballerina/io;

function grade(int score) returns string {
    match score {
        var s if s >= 90 => {
            return "A";
        }
        var s if s >= 75 => {
            return "B";
        }
        _ => {
            return "C";
        }
    }
}

public function main() {
    io:println(grade(95), grade(80), grade(10)); // @output ABC
}
