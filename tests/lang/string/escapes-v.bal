import ballerina/io;

public function main() {
    io:println("tab\there"); // @output tab	here
    io:println("quote \"x\""); // @output quote "x"
    io:println("back\\slash"); // @output back\slash
    io:println("\u{48}\u{49}"); // @output HI
}
