// Where `xs is string[]` fails, `xs` keeps its declared array type: a list of ints and strings that is not
// all strings may still hold strings.
type Cells (int|string)[];

function first(Cells xs) returns int {
    if xs is string[] {
        return 0;
    }
    int n = xs[0]; // @error incompatible types: expected 'int', found '(int|string)'
    return n;
}

public function main() {
    _ = first([1]);
}
