import ballerina/io;

type Quota record {|
    int used;
    int 'limit?;
|};

public function main() {
    Quota q = {used: 5};
    int lim = q?.'limit ?: 100;
    io:println(lim - q.used); // @output 95
}
