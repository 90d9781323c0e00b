// float and decimal never mix, whatever the operator.
function scale(float factor, decimal amount) returns decimal {
    return amount * factor; // @error operator '*' not defined for 'decimal' and 'float'
}

public function main() {
    _ = scale(1.5, 2.0);
}
