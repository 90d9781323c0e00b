import ballerina/io;

type Counter record {
    int count;
};

public function main() {
    Counter c = {count: 1};
    c["count"] = 5;
    c["extra"] = true;
    io:println(c); // @output {"count":5,"extra":true}
}
