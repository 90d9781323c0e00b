import ballerina/io;

public function main() {
    do {
        do {
            fail error("inner");
        } on fail error e {
            io:println("caught ", e.message()); // @output caught inner
            fail error("outer");
        }
    } on fail error e2 {
        io:println("caught ", e2.message()); // @output caught outer
    }
}
