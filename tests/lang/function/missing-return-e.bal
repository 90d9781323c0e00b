function sign(int x) returns int {
    if x > 0 {
        return 1;
    }
} // @error this function must return a result

public function main() {
}
