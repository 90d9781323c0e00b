import ballerina/io;

string[] events = [];

function init() {
    events.push("init");
}

public function main() {
    events.push("main");
    io:println(events); // @output ["init","main"]
}
