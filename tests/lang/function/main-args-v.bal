import ballerina/io;

public function main(string mode = "poll", int rounds = 2) {
    io:println(mode, " ", rounds); // @output poll 2
}
