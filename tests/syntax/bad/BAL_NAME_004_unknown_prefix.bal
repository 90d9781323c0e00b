public function main() {
    log:printInfo("started");
}
