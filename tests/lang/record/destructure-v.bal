import ballerina/io;

type Msg record {|
    string subject;
    int size;
|};

public function main() {
    Msg m = {subject: "Hi", size: 12};
    var {subject, size} = m;
    io:println(subject, " ", size); // @output Hi 12
    var {subject: s} = m;
    io:println(s); // @output Hi
}
