import ballerina/io;

type Message record {|
    string subject;
    string body?;
|};

public function main() {
    Message m = {subject: "Hi"};
    io:println(m); // @output {"subject":"Hi"}
    io:println(m?.body is ()); // @output true
    m.body = "text";
    io:println(m?.body); // @output text
    io:println(m); // @output {"subject":"Hi","body":"text"}
}
