public function main() {
    int zero = 0;
    int r = 10 % zero; // @panic {ballerina}DivisionByZero
}
