public function main() {
    error(msg, code = c) = error("x", code = 1); // @error undefined symbol 'msg'
}
