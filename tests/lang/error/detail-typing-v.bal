import ballerina/io;

type CodeDetail record {|
    int code;
    string reason?;
|};

type CodeError error<CodeDetail>;

public function main() {
    CodeError e = error CodeError("bad", code = 4);
    error:Detail d = e.detail();
    io:println(d, " ", e.detail().code); // @output {"code":4} 4
    io:println(e.detail()?.reason is ()); // @output true
    io:println(e is error<CodeDetail>, " ", e is CodeError); // @output true true
    error plain = error("x", count = 2);
    io:println(plain is CodeError); // @output false
    // langlib panics are trapped like any other panic
    int[] xs = [];
    error? r = trap xs.remove(3);
    io:println(r is error ? r.message() : "none"); // @output {ballerina/lang.array}IndexOutOfRange
    string s = "abc";
    string|error sub = trap s.substring(2, 1);
    io:println(sub is error ? sub.message() : sub); // @output {ballerina/lang.string}IndexOutOfRange
}
