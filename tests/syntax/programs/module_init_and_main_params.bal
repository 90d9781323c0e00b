// construct: module init function, and main with typed, defaultable and rest parameters (command-line arguments)
import ballerina/io;

string[] startupLog = [];

function init() {
    startupLog.push("module initialised");
}

public function main(string mode = "poll", int rounds = 1, string... folders) {
    io:println(startupLog, " mode=", mode, " rounds=", rounds, " folders=", folders);
}
