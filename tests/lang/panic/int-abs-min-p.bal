public function main() {
    int m = int:MIN_VALUE;
    int a = int:abs(m); // @panic {ballerina/lang.int}NumberOverflow
}
