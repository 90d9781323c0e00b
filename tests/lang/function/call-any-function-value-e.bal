// `function` is the type of every function value: it says nothing about parameters or result, so a
// value of that type cannot be called.
function greet() returns string {
    return "hello";
}

public function main() {
    function f = greet;
    any result = f(); // @error cannot call function pointer of type 'function'
    _ = result;
}
