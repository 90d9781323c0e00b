// Shifts take ints only.
public function main() {
    float f = 1.5;
    int x = 1 << f; // @error operator '<<' not defined for 'int' and 'float'
}
