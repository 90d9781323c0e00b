import ballerina/io;

// Every path assigns the variable before it is read: the program is valid.
function folderFor(int priority) returns string {
    string folder;
    if priority > 5 {
        folder = "Urgent";
    } else if priority > 2 {
        folder = "Normal";
    } else {
        folder = "Later";
    }
    return folder;
}

function firstEven(int[] values) returns int {
    int found;
    int i = 0;
    while true {
        if i >= values.length() {
            found = -1;
            break;
        }
        if values[i] % 2 == 0 {
            found = values[i];
            break;
        }
        i += 1;
    }
    return found;
}

function label(string kind) returns string {
    string text;
    match kind {
        "a" => {
            text = "alpha";
        }
        _ => {
            text = "other";
        }
    }
    return text;
}

function early(boolean ok) returns int {
    int n;
    if !ok {
        return 0;
    }
    n = 7;
    return n;
}

public function main() {
    io:println(folderFor(9)); // @output Urgent
    io:println(folderFor(1)); // @output Later
    io:println(firstEven([3, 5, 8])); // @output 8
    io:println(firstEven([3])); // @output -1
    io:println(label("a")); // @output alpha
    io:println(early(true)); // @output 7
}
