// Only a variable reference itself is narrowed by a type test or an equality (spec: conditional
// variable type narrowing): a condition that merely uses a variable, as in `s.length() == 1` or
// `k % 2 == 0`, leaves its declared type in both branches, so misuses there are still refused.
public function main() {
    string s = "a";
    int k = 4;
    if s.length() == 1 {
        int n = s; // @error incompatible types: expected 'int', found 'string'
        _ = n;
    }
    if k % 2 == 0 {
        string t = k; // @error incompatible types: expected 'string', found 'int'
        _ = t;
    } else {
        boolean b = k; // @error incompatible types: expected 'boolean', found 'int'
        _ = b;
    }
}
