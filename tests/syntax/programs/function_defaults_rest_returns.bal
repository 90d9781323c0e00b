// construct: function definitions — required, defaultable and rest parameters; tuple/union returns; expression bodies
import ballerina/io;

function greet(string name, string greeting = "Hello", string... tags) returns string {
    string text = greeting + ", " + name;
    foreach string tag in tags {
        text += " #" + tag;
    }
    return text;
}

function splitAddress(string address) returns [string, string]|error {
    int? at = address.indexOf("@");
    if at is () {
        return error("no @ in " + address);
    }
    return [address.substring(0, at), address.substring(at + 1)];
}

function twice(int n) returns int => n * 2;

function note(string message) {
    io:println("note: ", message);
}

public function main() returns error? {
    io:println(greet("Ann"));
    io:println(greet("Bob", "Hi"));
    io:println(greet("Cy", "Hey", "vip", "new"));
    [string, string] [user, domain] = check splitAddress("dee@example.com");
    io:println(user, " at ", domain, " ", twice(21));
    note("done");
}
