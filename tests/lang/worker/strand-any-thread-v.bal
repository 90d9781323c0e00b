// `@strand {thread: "any"}` runs a worker or a `start`ed call on a thread of its own, concurrently with
// the function that starts it (Ballerina by Example "Strands": such a worker prints before the function's
// default worker goes on, while a cooperative worker runs only once the default worker yields).
import ballerina/io;

function note(string text) returns string {
    io:println(text);
    return text;
}

public function main() returns error? {
    worker cooperative {
        io:println("cooperative worker");
    }

    @strand {thread: "any"}
    worker threaded {
        io:println("threaded worker");
    }

    io:println("default worker");
    wait cooperative;
    wait threaded;

    future<string> later = start note("plain start");
    future<string> now = @strand {thread: "any"} start note("threaded start");
    io:println("after both starts");
    string a = wait later;
    string b = wait now;
    io:println(a, " / ", b);
}
// @output threaded worker
// @output default worker
// @output cooperative worker
// @output threaded start
// @output after both starts
// @output plain start
// @output plain start / threaded start
