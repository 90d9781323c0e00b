import ballerina/io;

type Mail record {|
    string 'from;
    string to;
    string subject;
|};

public function main() {
    Mail m = {'from: "a", to: "b", subject: "c"};
    io:println(m); // @output {"from":"a","to":"b","subject":"c"}
    io:println(m.'from); // @output a
}
