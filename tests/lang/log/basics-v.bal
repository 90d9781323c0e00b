import ballerina/io;
import ballerina/log;

public function main() {
    log:printInfo("info line", count = 1);
    log:printDebug("hidden by default");
    io:println("stdout only"); // @output stdout only
}
