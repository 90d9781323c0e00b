// construct: error constructor — message only, with a cause, with detail fields, with a named error type; error methods
import ballerina/io;

type SmtpError error<record {|int code; string reply;|}>;

public function main() {
    error simple = error("connection closed");
    error withCause = error("send failed", simple);
    error withDetail = error("rejected", code = 550, mailbox = "nobody");
    SmtpError typed = error SmtpError("bad gateway", code = 502, reply = "try later");
    error? cause = withCause.cause();
    io:println(simple.message(), " | ", withCause.message(), " <- ", cause is error ? cause.message() : "-");
    io:println(withDetail.detail(), " | ", typed.detail().code, " ", typed.detail().reply);
    io:println(typed.toString());
}
