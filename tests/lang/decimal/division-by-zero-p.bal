public function main() {
    decimal zero = 0;
    decimal r = 1d / zero; // @panic {ballerina}DivisionByZero
}
