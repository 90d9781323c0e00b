import ballerina/io;
import ballerina/time;

public function main() {
    time:Utc now = time:utcNow();
    io:println(time:utcToString(now, 3)); // @error too many arguments in call to 'utcToString()'
}
