public function main() {
    var f = function(int x) returns int {
        if x == 0 {
            panic error("zero not allowed"); // @panic zero not allowed
        }
        return 10 / x;
    };
    _ = f(5);
    _ = f(0);
}
