// `_` matches every value that is not an error, so on an error it never matches: jBallerina warns
// "pattern will not be matched" and the program still builds; the match does nothing.
import ballerina/io;

function errorsOnly(error e) {
    match e {
        _ => {
            io:println("matched");
        }
    }
    io:println("after: " + e.message());
}

public function main() {
    errorsOnly(error("bounce"));
}
// @output after: bounce
