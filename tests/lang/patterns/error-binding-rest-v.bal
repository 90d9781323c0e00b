import ballerina/io;

// error-binding-pattern: message, cause, named detail fields and `...rest` (the other detail fields, a map)
public function main() {
    error e = error("boom", error("inner"), code = 42, host = "mail.example.com", secure = true);
    var error(msg, cause, code = c, ...rest) = e;
    io:println(msg); // @output boom
    io:println(c); // @output 42
    io:println(rest); // @output {"host":"mail.example.com","secure":true}
    if cause is error {
        io:println(cause.message()); // @output inner
    }
    var error(m2, ...all) = error("plain");
    io:println(m2, " ", all.length()); // @output plain 0
    var error(_, _, host = h) = e;
    io:println(h); // @output mail.example.com
}
