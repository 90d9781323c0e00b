// A value stored into a list member or a map member must have the member type.
public function main() {
    map<int> counts = {};
    counts["inbox"] = "many"; // @error incompatible types: expected 'int', found 'string'
    int[] sizes = [1];
    sizes[0] = 2.5; // @error incompatible types: expected 'int', found 'float'
}
