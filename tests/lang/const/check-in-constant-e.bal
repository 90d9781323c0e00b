const int RETRIES = check 3; // @error expression is not a constant expression

public function main() {
    _ = RETRIES;
}
