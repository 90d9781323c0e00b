const N = 2;

public function main() {
    int[N] xs = [1, 2, 3]; // @error size mismatch in closed array. expected '2', but found '3'
}
