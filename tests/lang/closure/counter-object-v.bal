import ballerina/io;

public function main() {
    int count = 0;
    var obj = object {
        function bump() {
            count += 1;
        }
    };
    obj.bump();
    obj.bump();
    io:println(count); // @output 2
}
