import ballerina/io;

public function main() {
    int[] a = [];
    foreach int i in 0 ..< 4 {
        a.push(i);
    }
    io:println(a); // @output [0,1,2,3]
    int[] b = [];
    foreach int i in 1 ... 3 {
        b.push(i);
    }
    io:println(b); // @output [1,2,3]
    int n = 0;
    foreach int i in 5 ..< 5 {
        n += 1;
    }
    io:println(n); // @output 0
}
