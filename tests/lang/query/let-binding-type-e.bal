// A typed `let` variable of a query is initialised like any variable declaration.
public function main() {
    int[] sizes = [10, 20];
    string[] out = from var s in sizes
        let string half = s / 2 // @error incompatible types: expected 'string', found 'int'
        select half;
    _ = out;
}
