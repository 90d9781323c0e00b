// construct: foreach over lists, maps, map entries, ranges (... and ..<), strings, and with binding patterns
import ballerina/io;

public function main() {
    string[] folders = ["INBOX", "Sent", "Trash"];
    foreach string folder in folders {
        io:println("folder ", folder);
    }
    map<int> unread = {INBOX: 3, Sent: 0};
    foreach int count in unread {
        io:println("unread ", count);
    }
    foreach [string, int] [name, count] in unread.entries() {
        io:println(name, " has ", count);
    }
    foreach var [index, folder] in folders.enumerate() {
        io:println(index, ": ", folder);
    }
    int total = 0;
    foreach int i in 1 ... 3 {
        total += i;
    }
    foreach int i in 0 ..< 2 {
        total += i;
    }
    string letters = "";
    foreach string:Char c in "abc" {
        letters = c + letters;
    }
    io:println(total, " ", letters);
}
