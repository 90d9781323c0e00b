import ballerina/io;

public function main() {
    string[] names = ["ann smith", "bob jones"];
    string[] last = from string n in names
        let int sp = n.indexOf(" ") ?: 0, string rest = n.substring(sp + 1)
        select rest.toUpperAscii();
    io:println(last); // @output ["SMITH","JONES"]
}
