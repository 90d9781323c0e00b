public function main() {
    int min = -9223372036854775807 - 1;
    int r = min - 1; // @panic {ballerina}NumberOverflow
}
