import ballerina/io;

public function main() {
    (function () returns string)[] fs = [];
    int i = 0;
    while i < 3 {
        string label = "item" + i.toString();
        fs.push(function() returns string => label);
        i += 1;
    }
    io:println(fs[0](), " ", fs[2]()); // @output item0 item2
}
