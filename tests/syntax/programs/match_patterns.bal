// construct: match statement — constant patterns, | alternatives, nil, list/mapping/error match patterns, rest, guards, _
import ballerina/io;

const PORT_IMAPS = 993;

function describe(anydata|error value) returns string {
    string result = "unmatched";
    match value {
        0 => {
            result = "zero";
        }
        PORT_IMAPS => {
            result = "imaps port";
        }
        1|2|3 => {
            result = "small number";
        }
        "INBOX"|"Inbox" => {
            result = "the inbox";
        }
        true => {
            result = "yes";
        }
        () => {
            result = "nothing";
        }
        [var host, var port] if port is int && port > 0 => {
            result = string `endpoint ${host.toString()}:${port}`;
        }
        [_, ...var rest] => {
            result = string `list with ${rest.length()} more`;
        }
        {subject: var s, size: var n} if n is int => {
            result = string `message ${s.toString()} of ${n} bytes`;
        }
        {folder: "Spam"} => {
            result = "spam folder";
        }
        error(var msg) => {
            result = "error: " + msg;
        }
        var other if other is string => {
            result = "string " + other;
        }
        _ => {
            result = "something else";
        }
    }
    return result;
}

public function main() {
    anydata[] samples = [0, 993, 2, "INBOX", true, (), ["imap.example.com", 993], [1, 2, 3],
        {subject: "Hi", size: 12}, {folder: "Spam"}, "other", 4.5];
    foreach anydata sample in samples {
        io:println(describe(sample));
    }
    io:println(describe(error("connection refused")));
}
