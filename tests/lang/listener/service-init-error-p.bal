class Quiet {
    public function attach(service object {} svc, () attachPoint = ()) returns error? {
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

listener Quiet l = new;

// the service object's `init` returning an error ends module initialisation too
service on l { // @panic not configured
    function init() returns error? {
        return error("not configured");
    }
}

public function main() {
}
