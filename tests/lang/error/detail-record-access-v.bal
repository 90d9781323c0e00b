import ballerina/io;

type Detail record {|
    int code;
    string reason;
|};

type MailError error<Detail>;

function send() returns MailError? {
    return error MailError("send failed", code = 421, reason = "busy");
}

public function main() {
    MailError? e = send();
    if e is MailError {
        Detail d = e.detail();
        io:println(d.code, " ", d.reason, " ", e.message()); // @output 421 busy send failed
    }
}
