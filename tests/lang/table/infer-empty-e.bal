public function main() {
    var t = table key(id) []; // @error cannot infer the member type from table constructor
}
