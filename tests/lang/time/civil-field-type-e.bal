import ballerina/io;
import ballerina/time;

public function main() {
    time:Civil c = {year: 2024, month: 2, day: 29, hour: "eight", minute: 5}; // @error incompatible types: expected 'int', found 'string'
    io:println(c);
}
