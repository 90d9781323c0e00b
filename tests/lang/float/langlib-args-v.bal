import ballerina/io;

type Floats 12f|21.0;
type Decimals 12d|21d;

// The rest parameters of float:sum, decimal:sum ... are typed, so an int literal passed to them is a
// float (or decimal) literal, also when the function is called as a method on a finite type.
public function main() {
    Floats x = 21;
    float y = x.sum(1, 2.5);
    io:println(y); // @output 24.5
    Decimals d = 12;
    decimal z = d.sum(1, 2, 3);
    io:println(z); // @output 18
    io:println((1.5).max(2, 1)); // @output 2.0
    float|error h = float:fromHexString("0xa.bp1");
    io:println(h); // @output 21.375
    // a hex float needs a `.` or a binary exponent
    float|error bad = float:fromHexString("0x1a");
    io:println(bad is error ? bad.message() : "no error"); // @output {ballerina/lang.float}NumberParsingError
}
