import ballerina/io;

const NaN = 0.0 / 0.0;
const Inf = 1.0 / 0.0;

type Special NaN|Inf|0.0;

// NaN is a single float value in Ballerina, so the singleton type of NaN contains it (although
// NaN != NaN in IEEE arithmetic), and a type test or a match against it succeeds.
public function main() {
    float x = float:NaN;
    io:println(x is Special); // @output true
    any a = 0.0 / 0.0;
    io:println(a is NaN); // @output true
    io:println(1.5 is Special); // @output false
    io:println(-0.0 is Special); // @output true
}
