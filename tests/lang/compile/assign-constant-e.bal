const MAX = 10;

public function main() {
    MAX += 1; // @error cannot assign a value to final 'MAX'
}
