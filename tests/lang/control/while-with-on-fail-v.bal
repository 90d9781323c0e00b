import ballerina/io;

public function main() {
    int i = 0;
    while i < 5 {
        i += 1;
        if i == 3 {
            fail error("stop at 3");
        }
    } on fail error e {
        io:println(e.message(), " i=", i); // @output stop at 3 i=3
    }
}
