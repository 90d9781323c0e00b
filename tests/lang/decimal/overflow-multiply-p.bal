public function main() {
    decimal big = 9.999999999999999999999999999999999E6144d;
    decimal r = big * 10d; // @panic NumberOverflow
}
