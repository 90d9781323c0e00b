import ballerina/io;

type Transform function (string) returns string;

function apply(Transform t, string s) returns string => t(s);

public function main() {
    Transform shout = s => s.toUpperAscii() + "!";
    io:println(apply(shout, "hi")); // @output HI!
}
