import ballerina/io;

// `T?` binds tighter than `&`, so `string? & string` is the intersection of `string?` and `string`,
// i.e. `string`; written with no spaces (`int?&int`) too, and at the start of a statement.
type Name string? & string;

public function main() {
    string?&string a = "x";
    string? & string b = a;
    Name n = b;
    int?&int i = 4;
    (int|string)&int? j = i;
    io:println(a, b, n, " ", i + j); // @output xxx 8
}
