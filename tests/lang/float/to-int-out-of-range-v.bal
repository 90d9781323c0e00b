import ballerina/io;

// A float or decimal that is not an int (NaN, an infinity, a value outside the int range) fails the
// cast with a NumberConversionError naming the value: NaN and the infinities as float:toString writes
// them, a finite float with thousands separators as jBallerina's message formats a number, a decimal as
// decimal:toString writes it.
public function main() {
    float big = 1e20;
    int|error a = trap <int>big;
    io:println(a is error ? a.detail()["message"] : a); // @output 'float' value '100,000,000,000,000,000,000' cannot be converted to 'int'
    float nan = float:NaN;
    int|error b = trap <int>nan;
    io:println(b is error ? b.detail()["message"] : b); // @output 'float' value 'NaN' cannot be converted to 'int'
    float negInf = -float:Infinity;
    int|error c = trap <int>negInf;
    io:println(c is error ? c.detail()["message"] : c); // @output 'float' value '-Infinity' cannot be converted to 'int'
    decimal d = 9223372036854775808d;
    int|error e = trap <int>d;
    io:println(e is error ? e.message() : e); // @output {ballerina}NumberConversionError
    io:println(e is error ? e.detail()["message"] : e); // @output 'decimal' value '9223372036854775808' cannot be converted to 'int'
    float x = 1234.5678;
    byte|error f = trap <byte>x;
    io:println(f is error ? f.detail()["message"] : f); // @output 'float' value '1,234.568' cannot be converted to 'byte'
    io:println(<int>9223372036854774784.0); // @output 9223372036854774784
}
