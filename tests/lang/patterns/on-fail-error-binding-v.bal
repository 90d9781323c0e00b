import ballerina/io;

function fetch(int n) returns int|error {
    if n > 2 {
        return error("too many", max = 2, asked = n);
    }
    return n * 10;
}

public function main() {
    do {
        int v = check fetch(1);
        io:println(v); // @output 10
        v = check fetch(5);
        io:println(v);
    } on fail var error(msg, max = l, ...rest) {
        io:println(msg, " max=", l, " ", rest); // @output too many max=2 {"asked":5}
    }
    foreach int i in 1 ... 3 {
        if i == 2 {
            fail error("skip", index = i);
        }
    } on fail error e {
        var error(m, index = idx) = e;
        io:println(m, " at ", idx); // @output skip at 2
    }
}
