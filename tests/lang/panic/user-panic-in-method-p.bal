class Guard {
    function verify(int n) {
        if n < 0 {
            panic error("negative"); // @panic negative
        }
    }
}

public function main() {
    Guard g = new;
    g.verify(1);
    g.verify(-1);
}
