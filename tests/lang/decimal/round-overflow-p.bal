public function main() {
    decimal big = 9.999999999999999999999999999999999E6144d;
    // rounding to a multiple of 10^6112 gives 1E6145, past the largest decimal
    decimal r = big.round(-6112); // @panic NumberOverflow
}
