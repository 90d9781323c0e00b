import ballerina/io;

function maybePrint(boolean b) {
    if !b {
        return;
    }
    io:println("printed");
}

public function main() {
    maybePrint(false);
    maybePrint(true); // @output printed
}
