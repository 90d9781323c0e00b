import ballerina/io;

type SmtpDetail record {|
    int code;
    string reply?;
|};

type SmtpError error<SmtpDetail>;

public function main() {
    SmtpError e = error SmtpError("rejected", code = 550, reply = "mailbox unavailable");
    var error SmtpError(msg, code = code, reply = reply) = e;
    io:println(msg, " ", code, " ", reply); // @output rejected 550 mailbox unavailable
    // the cause position takes an error binding pattern of its own
    error sendErr = error("send failed", error("timeout", seconds = 30));
    var error(m, error(inner, seconds = s)) = sendErr;
    io:println(m, ": ", inner, " after ", s, "s"); // @output send failed: timeout after 30s
}
