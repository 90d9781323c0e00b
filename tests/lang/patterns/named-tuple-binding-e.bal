// `Pair [n, word] = p;` declares `n` and `word` (spec: local variable declaration with a list binding
// pattern), so declaring either again in the same block is refused.
type Pair [int, string];

public function main() {
    Pair [n, word] = [1, "one"];
    int n = 2; // @error redeclared symbol 'n'
    _ = word;
}
