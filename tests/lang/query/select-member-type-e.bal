// The `select` expression of a query building a list must fit the list's member type.
public function main() {
    int[] counts = [1, 2, 3];
    string[] labels = from int c in counts select c; // @error incompatible types: expected 'string', found 'int'
    _ = labels;
}
