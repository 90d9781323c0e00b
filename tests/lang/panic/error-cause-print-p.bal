public function main() {
    error inner = error("socket closed");
    panic error("fetch failed", inner); // @panic fetch failed
}
