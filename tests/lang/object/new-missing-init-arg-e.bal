// `new` passes its arguments to the class's `init`.
class Mailbox {
    string name;

    function init(string name) {
        self.name = name;
    }
}

public function main() {
    Mailbox box = new (); // @error missing required parameter 'name' in call to 'new()'
    _ = box;
}
