import ballerina/io;

public function main() {
    int a = 1;
    int b = 2;
    string s = "f[2] and f[3]";
    io:println(s, " ", a + b); // @output f[2] and f[3] 3
    map<string> m = {"f[4]": "x"};
    io:println(m["f[4]"], string ` f[5]${a}`); // @output x f[5]1
}
