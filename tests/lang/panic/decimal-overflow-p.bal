public function main() {
    decimal big = 9.999999999999999999999999999999999E6144;
    decimal r = big * 10; // @panic
}
