import ballerina/io;
import ballerina/time;

public function main() {
    time:Civil c = time:utcToCivil("2021-04-12T23:20:50Z"); // @error incompatible types: expected 'time:Utc', found 'string'
    io:println(c);
}
