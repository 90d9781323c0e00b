// Unary `-` negates a number; a boolean is not one.
public function main() {
    boolean seen = true;
    int delta = -seen; // @error operator '-' not defined for 'boolean'
    _ = delta;
}
