public function main() {
    error e = error("quota exceeded", used = 120, 'limit = 100);
    panic e; // @panic quota exceeded {"used":120,"limit":100}
}
