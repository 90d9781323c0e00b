import ballerina/io;

public function main() {
    int big = 300;
    byte|error b = trap <byte>big;
    io:println(b is error ? b.message() : "fits"); // @output {ballerina}NumberConversionError
    io:println(b is error ? b.detail()["message"] : ()); // @output 'int' value '300' cannot be converted to 'byte'
    int huge = 4294967296;
    int:Unsigned32|error u = trap <int:Unsigned32>huge;
    io:println(u is error ? u.detail()["message"] : ()); // @output 'int' value '4,294,967,296' cannot be converted to 'lang.int:Unsigned32'
    int small = 200;
    io:println(<byte>small); // @output 200
}
