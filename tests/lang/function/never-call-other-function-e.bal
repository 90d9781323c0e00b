function ordinary() {
}

function f(int x) returns int {
    if x > 0 {
        return x;
    }
    ordinary();
} // @error this function must return a result

public function main() {
}
