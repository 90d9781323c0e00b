import ballerina/io;

type Named object {
    string name;
    function label() returns string;
};

class Folder {
    *Named;
    string name = "INBOX";

    function label() returns string => "[" + self.name + "]";
}

public function main() {
    Named n = new Folder();
    io:println(n.label()); // @output [INBOX]
}
