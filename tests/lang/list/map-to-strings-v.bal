import ballerina/io;

public function main() {
    int[] xs = [1, 20, 300];
    string[] padded = xs.map(x => x.toString().padStart(3, "0"));
    io:println(padded); // @output ["001","020","300"]
}
