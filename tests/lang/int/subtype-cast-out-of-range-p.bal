// Casting an int outside an int subtype's range is a numeric conversion failure.
function toUnsigned32(int m) returns int:Unsigned32 {
    return <int:Unsigned32>m; // @panic {ballerina}NumberConversionError
}

public function main() {
    int:Unsigned32 ok = toUnsigned32(43543);
    int:Unsigned32 bad = toUnsigned32(4294967296);
}
