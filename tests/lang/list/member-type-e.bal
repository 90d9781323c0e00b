// A member of an `int[]` is an `int`, read or stored; `push` takes members of that type too.
public function main() {
    int[] counts = [3, 5, 8];
    float ratio = counts[1]; // @error incompatible types: expected 'float', found 'int'
    counts[0] = "many"; // @error incompatible types: expected 'int', found 'string'
    counts.push(true); // @error incompatible types: expected 'int', found 'boolean'
    [string, int] pair = ["a", 1];
    string second = pair[1]; // @error incompatible types: expected 'string', found 'int'
    _ = ratio;
    _ = second;
}
