import ballerina/io;

int handled = 0;
map<int> bySender = {};

function onMessage(string sender) {
    handled += 1;
    bySender[sender] = (bySender[sender] ?: 0) + 1;
}

public function main() {
    onMessage("a");
    onMessage("b");
    onMessage("a");
    io:println(handled, " ", bySender); // @output 3 {"a":2,"b":1}
}
