import ballerina/io;

public function main() {
    function () returns int[] squares = function() returns int[] {
        int[] out = [];
        foreach int i in 0 ..< 3 {
            out.push(i * i);
        }
        return out;
    };
    io:println(squares()); // @output [0,1,4]
}
