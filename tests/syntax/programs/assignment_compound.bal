// construct: assignment to variables, fields and members; compound assignment operators (+= -= *= /= &= |= ^= <<= >>= >>>=)
import ballerina/io;

type Stats record {
    int received;
    string lastSubject;
};

public function main() {
    int n = 10;
    n += 5;
    n -= 3;
    n *= 4;
    n /= 6;
    int bits = 0;
    bits = 12;
    bits &= 10;
    bits |= 1;
    bits ^= 3;
    bits <<= 2;
    bits >>= 1;
    bits >>>= 1;
    string text = "re";
    text += ": hello";
    float f = 1.5;
    f *= 2.0;
    Stats stats = {received: 0, lastSubject: ""};
    stats.received += 1;
    stats.lastSubject = text;
    int[] counts = [0, 0];
    counts[1] = 7;
    counts[0] += counts[1];
    map<string> headers = {};
    headers["X-Seen"] = "yes";
    io:println(n, " ", bits, " ", text, " ", f, " ", stats, " ", counts, " ", headers);
}
