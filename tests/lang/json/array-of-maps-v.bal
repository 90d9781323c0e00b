import ballerina/io;

public function main() returns error? {
    json j = check "[{\"n\":1},{\"n\":2}]".fromJsonString();
    json[] arr = <json[]>j;
    int total = 0;
    foreach json item in arr {
        int n = check item.n;
        total += n;
    }
    io:println(total); // @output 3
}
