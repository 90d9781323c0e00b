import ballerina/io;

public function main() {
    error a = error("a");
    error b = error("b", a);
    error c = error("c", b);
    error? cur = c;
    string path = "";
    while cur is error {
        path += cur.message();
        cur = cur.cause();
    }
    io:println(path); // @output cba
}
