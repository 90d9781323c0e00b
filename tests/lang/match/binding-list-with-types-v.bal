import ballerina/io;

public function main() {
    anydata v = ["ann", 30];
    match v {
        [var name, var age] if age is int => {
            io:println(name, " is ", age); // @output ann is 30
        }
    }
}
