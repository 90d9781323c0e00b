import ballerina/io;

public function main() returns error? {
    transaction { // @error balmail runs without a transaction coordinator
        io:println("inside");
        check commit;
    }
}
