// The module initializer may only say whether initialization failed.
function init() returns int? { // @error invalid module 'init()' function return type 'int?', expected a subtype of 'error?' containing '()'
    return ();
}

public function main() {
}
