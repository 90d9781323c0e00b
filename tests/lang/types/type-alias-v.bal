import ballerina/io;

type Id string;
type Ids Id[];

public function main() {
    Ids ids = ["a", "b"];
    Id first = ids[0];
    io:println(first, " ", ids.length()); // @output a 2
}
