public function main() {
    int[] xs = [1, 2, 3];
    int i = -1;
    int x = xs[i]; // @panic {ballerina/lang.array}IndexOutOfRange
}
