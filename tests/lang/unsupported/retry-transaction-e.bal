import ballerina/io;

public function main() returns error? {
    retry transaction { // @error 'retry transaction' is not supported
        io:println("inside");
        check commit;
    }
}
