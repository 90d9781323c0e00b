import ballerina/io;

public function main() {
    error e = error("rejected", code = 550, mailbox = "nobody");
    io:println(e); // @output error("rejected",code=550,mailbox="nobody")
    io:println(e.detail()); // @output {"code":550,"mailbox":"nobody"}
    io:println(e.detail()["code"]); // @output 550
}
