// construct: check and checkpanic expressions on calls that can return an error
import ballerina/io;

function parsePort(string text) returns int|error {
    int port = check int:fromString(text);
    if port <= 0 || port > 65535 {
        return error("port out of range: " + text);
    }
    return port;
}

function firstValid(string[] candidates) returns int|error {
    foreach string candidate in candidates {
        int|error port = parsePort(candidate);
        if port is int {
            return port;
        }
    }
    return error("no valid port");
}

public function main() returns error? {
    int imap = check parsePort("993");
    int pop = checkpanic parsePort("995");
    int fallback = check firstValid(["x", "-1", "143"]);
    int|error broken = parsePort("70000");
    io:println(imap, " ", pop, " ", fallback, " ", broken is error);
}
