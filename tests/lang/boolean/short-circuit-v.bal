import ballerina/io;

int calls = 0;

function touch(boolean result) returns boolean {
    calls += 1;
    return result;
}

public function main() {
    boolean a = false && touch(true);
    boolean b = true || touch(true);
    io:println(a, " ", b, " ", calls); // @output false true 0
    boolean c = true && touch(false);
    io:println(c, " ", calls); // @output false 1
}
