// The module initializer is called by the runtime only: it cannot be public.
public function init() { // @error the module 'init()' function cannot be public
}

public function main() {
}
