// A read past the end inside an `if` condition panics at that line.
function firstAbove(int[] xs, int bound) returns int {
    int i = 0;
    while true {
        if xs[i] > bound { // @panic {ballerina/lang.array}IndexOutOfRange {"message":"array index out of range: index: 3, size: 3"}
            return i;
        }
        i += 1;
    }
}

public function main() {
    _ = firstAbove([1, 2, 3], 10);
}
