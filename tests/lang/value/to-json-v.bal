import ballerina/io;

type R record {|
    string n;
    int[] xs;
|};

public function main() {
    R r = {n: "a", xs: [1]};
    json j = r.toJson();
    io:println(j); // @output {"n":"a","xs":[1]}
}
