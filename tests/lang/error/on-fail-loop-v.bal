import ballerina/io;

public function main() {
    int[] xs = [1, 2, -3, 4];
    int sum = 0;
    foreach int x in xs {
        if x < 0 {
            fail error("negative value", value = x);
        }
        sum += x;
    } on fail error e {
        io:println(e.message(), " ", e.detail()["value"]); // @output negative value -3
    }
    io:println(sum); // @output 3
}
