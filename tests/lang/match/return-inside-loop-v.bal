import ballerina/io;

function firstCommand(string[] lines) returns string {
    foreach string line in lines {
        match line {
            "QUIT" => {
                return "quit";
            }
            "NOOP" => {
                continue;
            }
            _ => {
                return "other:" + line;
            }
        }
    }
    return "none";
}

public function main() {
    io:println(firstCommand(["NOOP", "QUIT"])); // @output quit
    io:println(firstCommand(["NOOP", "LIST"])); // @output other:LIST
    io:println(firstCommand(["NOOP"])); // @output none
}
