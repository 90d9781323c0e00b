import ballerina/io;

// A call statement to a function declared `returns never` does not complete normally,
// so a function whose last statement is such a call needs no `return` after it.
function abort(string why) returns never {
    panic error(why);
}

function pick(int n) returns string {
    if n == 1 {
        return "one";
    }
    abort("no name for " + n.toString());
}

function choose(boolean b) returns int {
    if b {
        return 7;
    } else {
        abort("not chosen");
    }
}

public function main() {
    io:println(pick(1)); // @output one
    string|error r = trap pick(2);
    io:println(r is error ? r.message() : r); // @output no name for 2
    io:println(choose(true)); // @output 7
    int|error c = trap choose(false);
    io:println(c is error ? c.message() : c); // @output not chosen
}
