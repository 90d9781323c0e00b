public function main() {
    if true {
        int x = 1;
    
}
