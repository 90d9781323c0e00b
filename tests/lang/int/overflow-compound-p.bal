public function main() {
    int x = int:MAX_VALUE;
    x += 1; // @panic {ballerina}NumberOverflow
}
