// A compound assignment `x op= e` is `x = x op e` (spec: "Compound assignment statement"): the operator
// must be defined for the two operand types, and its result must fit the variable's type. Since
// Ballerina 2201.1 `int * float` is a float, which an int variable cannot hold.
public function main() {
    int i = 1;
    float f = 2.5;
    string s = "a";
    i *= f; // @error incompatible types: expected 'int', found 'float'
    i += 1.5; // @error operator '+' not defined for 'int' and 'float'
    s += 1; // @error operator '+' not defined for 'string' and 'int'
    f *= i;
    s += "b";
    _ = [i, f, s];
}
