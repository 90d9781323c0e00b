public function main() {
    final int limit2 = 5;
    limit2 = 6; // @error cannot assign a value to final 'limit2'
}
