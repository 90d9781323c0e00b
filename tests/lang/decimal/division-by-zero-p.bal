// lang spec: decimal has no NaN or infinities, so a decimal division whose IEEE result would be
// one of them panics (jBallerina names it an unsupported decimal value)
public function main() {
    decimal zero = 0;
    decimal r = 1d / zero; // @panic {ballerina}UnsupportedDecimalError
}
