import ballerina/io;

type Message record {|
    string subject;
    string 'from;
    string body?;
|};

function route(Message m) returns string {
    string subject = m.subject.trim().toLowerAscii();
    if subject.startsWith("re:") {
        return "reply";
    }
    if subject.includes("urgent") || subject.includes("asap") {
        return "priority";
    }
    string body = m?.body ?: "";
    return body.length() > 20 ? "long" : "normal";
}

public function main() {
    io:println(route({subject: "Re: hello", 'from: "a@x"})); // @output reply
    io:println(route({subject: "  URGENT: disk", 'from: "b@x"})); // @output priority
    io:println(route({subject: "note", 'from: "c@x", body: "a much longer body text here"})); // @output long
    io:println(route({subject: "note", 'from: "c@x"})); // @output normal
}
