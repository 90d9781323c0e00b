// Only a float or decimal may be divided by an int; an int divided by a float needs a conversion.
function average(int total, float count) returns float {
    return total / count; // @error operator '/' not defined for 'int' and 'float'
}

public function main() {
    _ = average(10, 4.0);
}
