import ballerina/io;

public function main() {
    string a = "mail";
    string b = "box";
    io:println(a + b); // @output mailbox
    string c = a;
    c += "er";
    io:println(c); // @output mailer
    io:println(a); // @output mail
}
