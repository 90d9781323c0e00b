// construct: lock statements guarding a plain module variable and an isolated module variable
import ballerina/io;

int counter = 0;
isolated string[] journal = [];

function bump() returns int {
    lock {
        counter += 1;
        return counter;
    }
}

isolated function remember(string entry) {
    lock {
        journal.push(entry);
    }
}

isolated function history() returns string[] {
    lock {
        return journal.clone();
    }
}

public function main() {
    remember("first");
    int n = bump();
    remember("second");
    n = bump();
    io:println(n, " ", history());
}
