import ballerina/io;

type SmtpDetail record {|
    int code;
|};

type SmtpError error<SmtpDetail>;

public function main() {
    SmtpError e = error SmtpError("bad gateway", code = 502);
    io:println(e.detail().code); // @output 502
    io:println(e is SmtpError); // @output true
    error plain = error("x");
    io:println(plain is SmtpError); // @output false
}
