// A mapping constructor needs a mapping type among the expected type's members.
public function main() {
    int|boolean flag = {enabled: true}; // @error a type compatible with mapping constructor expressions not found in type '(int|boolean)'
    _ = flag;
}
