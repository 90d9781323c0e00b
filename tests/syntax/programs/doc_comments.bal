// construct: documentation comments (# lines) on module items, with parameter (+ name -) and return docs and backticks
import ballerina/io;

# A mailbox folder and how many messages it holds.
#
# + name - the folder name, e.g. `INBOX`
# + count - number of messages
public type FolderInfo record {|
    string name;
    int count;
|};

# Formats a folder for display.
#
# Uses the `FolderInfo` record defined above.
#
# + info - the folder to format
# + verbose - whether to include the count
# + return - a human-readable label
public function label(FolderInfo info, boolean verbose = false) returns string {
    // an ordinary comment inside the body
    return verbose ? string `${info.name} (${info.count})` : info.name;
}

# Program entry point.
public function main() {
    FolderInfo inbox = {name: "INBOX", count: 4};
    io:println(label(inbox), " ", label(inbox, true));
}
