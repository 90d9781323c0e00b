// No shadowing of locals reaches through every enclosing function, anonymous ones included.
function layered() returns int {
    var f = function() returns int {
        int depth = 1;
        final int base = 10;
        var g = function() returns int {
            int depth = 2; // @error redeclared symbol 'depth'
            base = 11; // @error cannot assign a value to final 'base'
            return depth;
        };
        return g() + depth + base;
    };
    return f();
}

public function main() {
    _ = layered();
}
