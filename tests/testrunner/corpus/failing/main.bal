type Reply record {
    string to;
    string subject;
    int priority;
};

function replyTo(string sender, string subject) returns Reply {
    return {to: sender, subject: "Re: " + subject, priority: 1};
}

function summary(string[] lines) returns string {
    return string:'join("\n", ...lines);
}

function parseCount(string text) returns int|error {
    return int:fromString(text);
}
