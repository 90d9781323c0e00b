import ballerina/io;

class Inbox {
    string[] messages = [];

    function add(string m) {
        self.messages.push(m);
    }

    function count() returns int => self.messages.length();
}

public function main() {
    Inbox a = new;
    Inbox b = new;
    a.add("x");
    a.add("y");
    b.add("z");
    io:println(a.count(), " ", b.count()); // @output 2 1
}
