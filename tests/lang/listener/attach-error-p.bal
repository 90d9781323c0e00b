class Refusing {
    public function attach(service object {} svc, () attachPoint = ()) returns error? {
        return error("no room for another service");
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

listener Refusing l = new;

// an error from `attach` ends module initialisation: a panic at the service declaration
service on l { // @panic no room for another service
}

public function main() {
}
