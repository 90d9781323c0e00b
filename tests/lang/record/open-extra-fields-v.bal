import ballerina/io;

type Header record {
    string name;
};

public function main() {
    Header h = {name: "Subject", "value": "Hi"};
    io:println(h); // @output {"name":"Subject","value":"Hi"}
    io:println(h["value"]); // @output Hi
    io:println(h.keys()); // @output ["name","value"]
}
