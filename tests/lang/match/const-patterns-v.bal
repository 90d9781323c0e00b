import ballerina/io;

function name(int code) returns string {
    match code {
        110 => {
            return "pop3";
        }
        143|993 => {
            return "imap";
        }
        _ => {
            return "unknown";
        }
    }
}

public function main() {
    io:println(name(110), " ", name(993), " ", name(25)); // @output pop3 imap unknown
}
