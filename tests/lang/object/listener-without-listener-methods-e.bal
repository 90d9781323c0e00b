// A listener's type must be a Listener object: start, gracefulStop, immediateStop, attach and detach.
class Poller {
    public function attach(service object {} svc, string? name = ()) returns error? {
    }

    public function 'start() returns error? {
    }
}

listener Poller poller = new (); // @error incompatible types: expected 'listener', found 'Poller'

public function main() {
}
