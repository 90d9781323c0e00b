import ballerina/io;

type Detail record {|
    int code;
    string reason?;
    decimal? amount = ();
|};

type MailError error<Detail>;

type Bounce distinct error<record {| string to; |}>;

public function main() {
    error plain = error("boom", code = 1, host = "mx", ratio = 0.5d, none = ());
    // io:println uses toString: strings quoted, nil detail as null, decimals without a suffix
    io:println(plain); // @output error("boom",code=1,host="mx",ratio=0.5,none=null)
    io:println(plain.toBalString()); // @output error("boom",code=1,host="mx",ratio=0.5d,none=())
    // an error of a named error type shows the type's name
    MailError m = error MailError("rejected", code = 550, reason = "spam");
    io:println(m); // @output error MailError ("rejected",code=550,reason="spam",amount=null)
    io:println(m.toBalString()); // @output error("rejected",code=550,reason="spam",amount=())
    // toBalString shows the type of a distinct error type (its identity)
    Bounce b = error Bounce("no such user", to = "x@example.com");
    io:println(b); // @output error Bounce ("no such user",to="x@example.com")
    io:println(b.toBalString()); // @output error Bounce ("no such user",to="x@example.com")
    // the cause follows the message; errors inside structures print the same way
    error chained = error("outer", error("inner", depth = 2));
    io:println([chained]); // @output [error("outer",error("inner",depth=2))]
    io:println({e: error("x")}); // @output {"e":error("x")}
}
