type P record {|
    int x;
|};

public function main() {
    map<anydata> m = {y: 1};
    anydata a = m;
    P p = <P>a; // @panic {ballerina}TypeCastError
}
