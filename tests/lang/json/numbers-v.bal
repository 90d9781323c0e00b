import ballerina/io;

public function main() returns error? {
    json[] d = [1, 2.1, 3.24d];
    string e = d.toJsonString();
    io:println(e); // @output [1, 2.1, 3.24]
    json f = check e.fromJsonString();
    json[] g = <json[]>f;
    io:println(g[0] is int, " ", g[1] is decimal, " ", g[2] is decimal); // @output true true true
    float h = check g[2].ensureType();
    io:println(h); // @output 3.24
    json z = check "-0".fromJsonString();
    io:println(z is float); // @output true
}
