// construct: enum declarations, explicit member values, public enum, enum members as constants in match
import ballerina/io;

enum Folder {
    INBOX,
    SENT,
    TRASH
}

public enum Severity {
    LOW = "low",
    MEDIUM = "medium",
    HIGH = "high"
}

function describe(Severity s) returns string {
    string when = "";
    match s {
        LOW => {
            when = "can wait";
        }
        MEDIUM => {
            when = "today";
        }
        HIGH => {
            when = "now";
        }
    }
    return when;
}

public function main() {
    Folder f = SENT;
    Severity s = HIGH;
    string raw = "medium";
    io:println(f, " ", s, " ", describe(s), " ", INBOX, " ", TRASH);
    if raw is Severity {
        io:println("parsed ", raw, ": ", describe(raw));
    }
}
