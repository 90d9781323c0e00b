function find(int[] xs) returns int {
    foreach int x in xs {
        if x > 0 {
            return x;
        }
    }
} // @error this function must return a result

public function main() {
}
