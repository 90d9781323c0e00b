public function main() {
    int x = 1;
}
}

function g() {
}
