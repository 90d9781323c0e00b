import ballerina/io;

public function main() {
    string[] words = ["mail", "box"];
    string acc = "";
    words.forEach(function(string w) {
        acc += w.toUpperAscii();
    });
    io:println(acc); // @output MAILBOX
}
