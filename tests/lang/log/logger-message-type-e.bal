import ballerina/log;

public function main() {
    log:Logger logger = log:root();
    logger.printInfo(42); // @error incompatible types: expected '(string|log:PrintableRawTemplate)', found 'int'
}
