public function main() {
    any v = "text";
    int n = <int>v; // @panic {ballerina}TypeCastError
}
