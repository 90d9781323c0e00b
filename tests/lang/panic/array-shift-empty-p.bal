public function main() {
    string[] queue = [];
    string next = queue.shift(); // @panic
}
