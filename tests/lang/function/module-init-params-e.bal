// The runtime calls the module initializer without arguments.
function init(string name) { // @error the module 'init()' function cannot accept parameters
}

public function main() {
}
