public function main() {
    int count = 3;
    string maximum = "5";
    if count < maximum { // @error operator '<' not defined for 'int' and 'string'
        return;
    }
}
