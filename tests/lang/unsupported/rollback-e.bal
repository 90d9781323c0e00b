public function main() {
    rollback; // @error 'rollback' is not supported
}
