function f() {
}

function f() { // @error
}

public function main() {
}
