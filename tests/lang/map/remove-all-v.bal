import ballerina/io;

public function main() {
    map<boolean> flags = {seen: true, answered: false};
    flags.removeAll();
    io:println(flags.length(), " ", flags); // @output 0 {}
}
