function classify(int n) returns string {
    match n {
        0 => {
            panic error("zero"); // @panic zero
        }
    }
    return "other";
}

public function main() {
    _ = classify(1);
    _ = classify(0);
}
