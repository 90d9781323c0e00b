public function main() {
    panic error("bad state", code = 7); // @panic bad state {"code":7}
}
