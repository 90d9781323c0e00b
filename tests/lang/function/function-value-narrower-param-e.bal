// Parameters are contravariant: a function taking only bytes cannot stand in for one taking any int.
type Scorer function (int score) returns int;

function clamp(byte score) returns int {
    return score;
}

public function main() {
    Scorer s = clamp; // @error incompatible types
    _ = s;
}
