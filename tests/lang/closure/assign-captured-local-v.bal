import ballerina/io;

// A closure may assign a captured local that is not final: the enclosing function sees the update.
public function main() {
    int count = 0;
    function () bump = function() {
        count += 1;
    };
    bump();
    bump();
    io:println(count); // @output 2
}
