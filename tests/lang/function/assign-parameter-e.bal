// Parameters are final, path parameters of a resource method included.
function countdown(int attempts) returns int {
    attempts = attempts - 1; // @error cannot assign a value to function argument 'attempts'
    return attempts;
}

client class Store {
    resource function get items/[string id]() returns string {
        id = id.trim(); // @error cannot assign a value to function argument 'id'
        return id;
    }
}

public function main() {
    _ = countdown(3);
}
