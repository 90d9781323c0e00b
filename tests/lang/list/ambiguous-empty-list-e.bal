// `[]` belongs to both array types of the union, so the list constructor has no single type.
public function main() {
    int[]|string[] ids = []; // @error ambiguous type '(int[]|string[])'
    _ = ids;
}
