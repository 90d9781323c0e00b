// `lv op= e` is refused when an operand may be nil: a map member reads as `T?`.
public function main() {
    map<int> totals = {a: 1};
    totals["a"] += 5; // @error compound assignment not allowed with nullable operands
    int? maybe = 2;
    int n = 0;
    n += maybe; // @error compound assignment not allowed with nullable operands
    int[] xs = [1];
    xs[0] += 2; // a list member is never nil: fine
    _ = n;
}
