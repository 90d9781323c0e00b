import ballerina/io;

int created = 0;

class Item {
    int id = next();
}

function next() returns int {
    created += 1;
    return created;
}

public function main() {
    Item a = new;
    Item b = new;
    io:println(a.id, " ", b.id); // @output 1 2
}
