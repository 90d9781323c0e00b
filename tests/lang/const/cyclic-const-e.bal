// Constants may refer to later ones, but not in a cycle.
const LIMIT = BASE * 2;
const BASE = 10;

const A = B + 1;
const B = A + 1; // @error illegal cyclic reference '[A, B]'

public function main() {
    int x = LIMIT;
    _ = x;
}
