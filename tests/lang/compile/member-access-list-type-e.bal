// `xs[i]` on a `string[]` is a string: assigning it to an int is refused.
public function main() {
    string[] parts = re `,`.split("42,7");
    int first = parts[0]; // @error incompatible types: expected 'int', found 'string'
    _ = first;
}
