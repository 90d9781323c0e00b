import ballerina/io;

function describe(anydata v) returns string {
    match v {
        [] => {
            return "empty";
        }
        [var only] => {
            return "one " + only.toString();
        }
        [var a, var b] => {
            return "pair " + a.toString() + b.toString();
        }
        [var first, ...var rest] => {
            return "many " + first.toString() + " +" + rest.length().toString();
        }
    }
    return "not a list";
}

public function main() {
    io:println(describe([])); // @output empty
    io:println(describe([7])); // @output one 7
    io:println(describe([1, 2])); // @output pair 12
    io:println(describe([1, 2, 3, 4])); // @output many 1 +3
    io:println(describe("x")); // @output not a list
}
