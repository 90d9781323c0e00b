import ballerina/io;

type Opt record {|
    int? max = ();
    string name;
|};

public function main() {
    Opt o = {name: "n"};
    io:println(o.max is (), " ", o); // @output true {"max":null,"name":"n"}
}
