function greet() {
    return "hi"; // @error
}

public function main() {
}
