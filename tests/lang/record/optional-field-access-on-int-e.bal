// `?.` reads a field of a mapping (or gives () for ()); an int has no fields at all.
public function main() {
    int? count = 3;
    _ = count?.value; // @error invalid operation: type 'int?' does not support optional field access
}
