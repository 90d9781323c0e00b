import ballerina/io;

function describe(any v) returns string {
    // `T?` after `is`/`!is` is `T|()`
    if v !is string? {
        return "other";
    }
    return v is () ? "nil" : "string";
}

public function main() {
    io:println(describe("a"), " ", describe(()), " ", describe(3)); // @output string nil other
    int? x = ();
    io:println(x is int?); // @output true
}
