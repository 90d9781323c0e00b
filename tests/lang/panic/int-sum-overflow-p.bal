public function main() {
    int s = int:sum(int:MAX_VALUE, 1); // @panic {ballerina/lang.int}NumberOverflow
}
