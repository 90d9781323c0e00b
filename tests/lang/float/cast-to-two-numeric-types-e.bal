// A float cast to a union of two other numeric types: which conversion to apply is ambiguous.
public function main() {
    float ratio = 2.5;
    int|decimal n = <int|decimal>ratio; // @error incompatible types: 'float' cannot be cast to '(int|decimal)'
    _ = n;
}
