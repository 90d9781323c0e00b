const MAX = 10;

public function main() {
    MAX += 1; // @error cannot update constant value
}
