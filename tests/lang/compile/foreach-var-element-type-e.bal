public function main() {
    map<float> weights = {a: 1.5};
    foreach var w in weights {
        int n = w; // @error incompatible types: expected 'int', found 'float'
        _ = n;
    }
}
