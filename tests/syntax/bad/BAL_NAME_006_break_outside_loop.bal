import ballerina/io;

public function main() {
    int i = 0;
    if i == 0 {
        break;
    }
    while i < 3 {
        i += 1;
        function () f = function () {
            continue;
        };
        f();
    }
    io:println(i);
}
