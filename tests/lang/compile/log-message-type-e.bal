import ballerina/log;

public function main() {
    int count = 3;
    log:printInfo(count); // @error incompatible types: expected '(string|log:PrintableRawTemplate)', found 'int'
}
