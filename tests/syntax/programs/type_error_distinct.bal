// construct: error types — error<Detail>, distinct error types, union of errors, type tests and detail access
import ballerina/io;

type MailDetail record {|
    string mailbox;
    int code?;
|};

type MailError error<MailDetail>;
type AuthError distinct MailError;
type TimeoutError distinct error;
type TransientError AuthError|TimeoutError;

function connect(string mailbox) returns TransientError? {
    if mailbox == "locked" {
        return error AuthError("login rejected", mailbox = mailbox, code = 535);
    }
    if mailbox == "slow" {
        return error TimeoutError("server did not answer");
    }
    return ();
}

public function main() {
    foreach string box in ["INBOX", "locked", "slow"] {
        TransientError? result = connect(box);
        if result is AuthError {
            io:println(box, ": auth failed code=", result.detail()?.code);
        } else if result is TimeoutError {
            io:println(box, ": timeout ", result.message());
        } else {
            io:println(box, ": ok");
        }
    }
}
