import ballerina/io;

class Resource {
    string name;

    function init(string name) returns error? {
        if name == "" {
            return error("empty name");
        }
        self.name = name;
    }
}

function open(string name) returns string|error {
    Resource r = check new (name);
    return r.name;
}

public function main() {
    io:println(open("inbox")); // @output inbox
    io:println(open("")); // @output error("empty name")
}
