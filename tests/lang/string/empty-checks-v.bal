import ballerina/io;

public function main() {
    string s = "";
    io:println(s.length() == 0, " ", s == ""); // @output true true
    io:println("".startsWith(""), " ", "abc".includes("")); // @output true true
}
