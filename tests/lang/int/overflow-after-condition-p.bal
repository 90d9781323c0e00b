// After `if n > 0 { return ...; }` only n <= 0 is known: n - 1 still overflows at int's least value.
function below(int n) returns int {
    if n > 0 {
        return n;
    }
    return n - 1; // @panic {ballerina}NumberOverflow
}

public function main() {
    _ = below(int:MIN_VALUE);
}
