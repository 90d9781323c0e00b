public function main() {
    table<map<string>> key(id) t = table []; // @error table with constraint of type map cannot have key specifier or key type constraint
}
