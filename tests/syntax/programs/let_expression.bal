// construct: let expressions (let T x = e, ... in expr) at module and local level
import ballerina/io;

const int BASE_PORT = 990;

final int imapsPort = let int offset = 3 in BASE_PORT + offset;

public function main() {
    string address = "ann@example.com";
    string domain = let int at = address.indexOf("@") ?: 0, int begin = at + 1 in address.substring(begin);
    int doubled = let var x = imapsPort in x * 2;
    io:println(imapsPort, " ", domain, " ", doubled);
}
