// A class's init returns nil, or an error when it fails: nothing else.
class Account {
    int balance = 0;

    function init() returns error? {
    }
}

class Wallet {
    function init() returns int { // @error invalid object constructor return type 'int', expected a subtype of 'error?' containing '()'
        return 1;
    }
}

class Purse {
    function init() returns error { // @error invalid object constructor return type 'error', expected a subtype of 'error?' containing '()'
        return error("always");
    }
}

public function main() {
    Account|error a = new;
    _ = a;
}
