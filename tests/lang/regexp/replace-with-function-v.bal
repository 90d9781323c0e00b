import ballerina/io;
import ballerina/lang.regexp;

public function main() {
    string out = re `[0-9]+`.replaceAll("a1b22", function(regexp:Groups g) returns string {
        return "<" + g[0].substring() + ">";
    });
    io:println(out); // @output a<1>b<22>
}
