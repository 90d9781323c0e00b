import ballerina/io;

public function main() {
    error[] failures = [error("bounce", code = 550), error("defer", code = 421, retryIn = 60)];
    foreach var error(msg, code = c, ...rest) in failures {
        io:println(msg, " ", c, " ", rest);
    }
    // @output bounce 550 {}
    // @output defer 421 {"retryIn":60}
    string[] messages = from var error(m) in failures select m;
    io:println(messages); // @output ["bounce","defer"]
}
