public function main() {
    int min = int:MIN_VALUE;
    int r = min / -1; // @panic {ballerina}NumberOverflow
}
