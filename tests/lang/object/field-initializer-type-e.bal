// A field's initializer must have the field's type.
class Retry {
    int attempts = "three"; // @error incompatible types: expected 'int', found 'string'
}

public function main() {
    Retry r = new;
    _ = r;
}
