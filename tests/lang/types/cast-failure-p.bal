public function main() {
    anydata v = [1, 2];
    map<anydata> m = <map<anydata>>v; // @panic {ballerina}TypeCastError
}
