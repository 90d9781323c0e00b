public function main() {
    decimal d = -9223372036854775809d;
    int i = <int>d; // @panic {ballerina}NumberConversionError {"message":"'decimal' value '-9223372036854775809' cannot be converted to 'int'"}
}
