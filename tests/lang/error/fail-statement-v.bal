import ballerina/io;

function validate(string s) returns error? {
    do {
        if s.length() == 0 {
            fail error("empty");
        }
        io:println("valid ", s); // @output valid abc
    } on fail error e {
        io:println("invalid: ", e.message()); // @output invalid: empty
        return e;
    }
}

public function main() {
    error? a = validate("abc");
    error? b = validate("");
    io:println(a is (), " ", b is error); // @output true true
}
