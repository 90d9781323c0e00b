import ballerina/io;
import ballerina/time;

public function main() {
    time:Utc now = time:utcNow();
    io:println(now[0] > 1600000000); // @output true
    string text = time:utcToString([0, 0]);
    io:println(text); // @output 1970-01-01T00:00:00Z
}
