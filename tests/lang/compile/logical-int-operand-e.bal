// `&&` and `||` take booleans only: an int operand is not "truthy" in Ballerina.
public function main() {
    int retries = 3;
    boolean ok = true;
    boolean a = retries && ok; // @error operator '&&' not defined for 'int' and 'boolean'
    boolean b = ok || retries; // @error operator '||' not defined for 'boolean' and 'int'
    _ = a;
    _ = b;
}
