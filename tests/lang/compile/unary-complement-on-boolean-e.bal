// `~` is the bitwise complement of an int.
public function main() {
    boolean flagged = false;
    int mask = ~flagged; // @error operator '~' not defined for 'boolean'
    _ = mask;
}
