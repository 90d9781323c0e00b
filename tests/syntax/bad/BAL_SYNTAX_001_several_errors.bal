import ballerina/io;

public function main() {
    int a = 1 +;
    string b = "ok";
    io:println(a b);
    if a > 0 {
        io:println(b)
    }
}
