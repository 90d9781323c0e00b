import ballerina/io;

public function main() {
    string key = "dyn";
    map<string> m = {"quoted key": "q", [key]: "computed"};
    io:println(m["quoted key"], " ", m["dyn"]); // @output q computed
}
