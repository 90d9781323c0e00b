// construct: string literals with escapes — \t \n \r \\ \" and numeric escapes \u{...} including astral code points
import ballerina/io;

public function main() {
    string tab = "name\tvalue";
    string lines = "first\nsecond\r\nthird";
    string quoted = "she said \"hi\"";
    string backslash = "C:\\mail\\inbox";
    string accented = "caf\u{E9}";
    string smile = "\u{1F600}";
    string mixed = "\u{48}\u{49} \u{263A}";
    string empty = "";
    string unicodeDirect = "Grüße, 世界";
    io:println(tab);
    io:println(lines);
    io:println(quoted, " ", backslash, " ", accented, " ", smile, " ", mixed, " [", empty, "] ", unicodeDirect);
    io:println(smile.length(), " ", accented.length());
}
