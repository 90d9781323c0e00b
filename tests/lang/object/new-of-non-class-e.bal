// `new T(...)` needs T to be a class (or a union of classes of which exactly one `init` takes the
// arguments).
class Pop {
    int port;

    function init(int port) {
        self.port = port;
    }
}

class Imap {
    int port;

    function init(int port) {
        self.port = port;
    }
}

class Local {
    function init() {
    }
}

type Port int;
type Remote Pop|Imap;
type Either Pop|Local;

public function main() {
    Port p = new Port(110); // @error cannot infer type of the object from 'Port'
    Remote r = new Remote(143); // @error ambiguous type 'Remote'
    Either a = new Either(1, 2); // @error cannot infer type of the object from 'Either'
    _ = p;
    _ = r;
    _ = a;
}
