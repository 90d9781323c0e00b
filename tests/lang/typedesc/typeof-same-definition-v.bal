// `typeof` of a value whose inherent type is a defined record type gives that definition's typedesc,
// so it is `===` to the typedesc the type's name evaluates to (jBallerina's published output for the
// typedesc example); a different type's typedesc is not.
import ballerina/io;

type R record {
    int x;
    int y;
};

type S record {
    int x;
    int y;
};

typedesc<record {}> t = R;

public function main() {
    R r = {x: 1, y: 2};
    any v = r;
    io:println(typeof v === t); // @output true
    io:println(typeof v === S); // @output false
    io:println(typeof v); // @output typedesc R
}
