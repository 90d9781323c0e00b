import ballerina/io;

type Level 1|2|3;
type Half 0.5|1.5;
type Price 2.5d|3d;

// A cast converts a number to the numeric basic type of the target's members when the value is not
// already in it: `<Level>2.7` rounds to the int 3, which is a Level; a value that still does not belong
// after the conversion fails the cast.
public function main() {
    float reading = 2.7;
    Level l = <Level>reading;
    io:println(l); // @output 3
    int three = 3;
    Price p = <Price>three;
    io:println(p); // @output 3
    decimal half = 1.5d;
    Half h = <Half>half;
    io:println(h); // @output 1.5
    Level|error bad = trap <Level>7.2;
    io:println(bad is error); // @output true
}
