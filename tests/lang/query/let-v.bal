import ballerina/io;

public function main() {
    string[] emails = ["ann@x.org", "bob@y.org"];
    string[] users = from string e in emails
        let int at = e.indexOf("@") ?: 0
        select e.substring(0, at);
    io:println(users); // @output ["ann","bob"]
}
