// Bitwise '&' is defined for ints only: '&' written for '&&' between two comparisons is refused.
public function main() {
    int n = 3;
    boolean ok = n == 3 & n > 0; // @error operator '&' not defined for 'boolean' and 'boolean'
}
