import ballerina/io;

transactional function audit(string what) {
    io:println(what);
}

public function main() returns error? {
    transaction {
        audit("moved");
        check commit;
    }
    retry<error> (3) transaction {
        rollback;
    } on fail error e {
        io:println(e.message());
    }
}
