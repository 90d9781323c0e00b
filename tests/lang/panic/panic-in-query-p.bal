public function main() {
    int[] xs = [1, 0, 2];
    int[] ys = from int x in xs select 10 / x; // @panic {ballerina}DivisionByZero
}
