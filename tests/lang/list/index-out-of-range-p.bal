public function main() {
    int[] xs = [1, 2, 3];
    int x = xs[3]; // @panic {ballerina/lang.array}IndexOutOfRange
}
