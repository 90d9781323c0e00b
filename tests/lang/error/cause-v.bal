import ballerina/io;

public function main() {
    error root = error("disk full");
    error wrapped = error("save failed", root);
    io:println(wrapped); // @output error("save failed",error("disk full"))
    error? c = wrapped.cause();
    if c is error {
        io:println(c.message()); // @output disk full
    }
}
