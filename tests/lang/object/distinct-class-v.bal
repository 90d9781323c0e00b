import ballerina/io;

distinct class Token {
    string value;

    function init(string value) {
        self.value = value;
    }
}

public function main() {
    Token t = new ("abc");
    any a = t;
    io:println(a is Token, " ", t.value); // @output true abc
}
