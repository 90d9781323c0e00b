// A service declared with an object type must implement every method of that type.
type Poller service object {
    function poll() returns int;
    function reset();
};

class Ticker {
    public function attach(service object {} svc, () name = ()) returns error? {
    }

    public function detach(service object {} svc) returns error? {
    }

    public function 'start() returns error? {
    }

    public function gracefulStop() returns error? {
    }

    public function immediateStop() returns error? {
    }
}

listener Ticker ticker = new;

service Poller on ticker { // @error no implementation found for the method 'reset' of service declaration 'object { function poll () returns (int); function reset () returns (); }'
    function poll() returns int {
        return 1;
    }
}

public function main() {
}
