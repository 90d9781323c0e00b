// No arithmetic operator is defined for boolean operands.
public function main() {
    int count = 2;
    boolean urgent = true;
    int total = count + urgent; // @error operator '+' not defined for 'int' and 'boolean'
    _ = total;
}
