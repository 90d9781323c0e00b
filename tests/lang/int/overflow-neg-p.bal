public function main() {
    int min = int:MIN_VALUE;
    int r = -min; // @panic {ballerina}NumberOverflow
}
