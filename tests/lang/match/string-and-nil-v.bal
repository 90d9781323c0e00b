import ballerina/io;

function kind(string? folder) returns string {
    match folder {
        "INBOX" => {
            return "inbox";
        }
        () => {
            return "none";
        }
        var other => {
            return "other:" + <string>other;
        }
    }
}

public function main() {
    io:println(kind("INBOX"), " ", kind(()), " ", kind("Spam")); // @output inbox none other:Spam
}
