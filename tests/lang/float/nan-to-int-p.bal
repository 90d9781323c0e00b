public function main() {
    float nan = float:NaN;
    int i = <int>nan; // @panic {ballerina}NumberConversionError
}
