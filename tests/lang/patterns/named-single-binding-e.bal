// `One [a] = o;` declares `a` with the member type of `One`: a string member given to an int use is
// refused as for any declared variable.
type One [string];

public function main() {
    One o = ["x"];
    One [a] = o;
    int n = a; // @error incompatible types: expected 'int', found 'string'
    _ = n;
}
