import ballerina/io;

type Options record {|
    int retries = 3;
    boolean verbose = false;
|};

function run(string name, *Options opts) returns string {
    return string `${name} retries=${opts.retries} verbose=${opts.verbose}`;
}

public function main() {
    io:println(run("a")); // @output a retries=3 verbose=false
    io:println(run("b", retries = 5)); // @output b retries=5 verbose=false
    io:println(run("c", verbose = true, retries = 1)); // @output c retries=1 verbose=true
}
