import ballerina/io;

const LIMIT = 10;

function maxItems() returns int => 3;

function LIMIT() returns int => 5;

public function main() {
    int x = maxItems();
    string x = "again";
    io:println(x, LIMIT);
}
