public function main() {
    float[] fs = [1.0];
    anydata[] view = fs;
    view.push(2); // @panic InherentTypeViolation
}
