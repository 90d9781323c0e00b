import ballerina/io;

public function main() {
    int[] xs = [1, 2];
    string[] ys = ["a", "b"];
    string[] pairs = from int x in xs
        from string y in ys
        select y + x.toString();
    io:println(pairs); // @output ["a1","b1","a2","b2"]
}
