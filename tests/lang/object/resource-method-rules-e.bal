// Only service and client objects have resource methods, whose path parameters take simple values only.
type Id string;

client class Catalog {
    resource function get items/[Id id]/[int version]() returns string {
        return id;
    }

    resource function get tags/[string... names]() returns int {
        return names.length();
    }

    resource function get raw/[json data]() { // @error only 'int', 'string', 'float', 'boolean', 'decimal' types are supported as path params, found 'json'
    }
}

public function main() {
}

class Plain {
    resource function get status() returns string { // @error resource methods are only allowed in 'service' or 'client' object types
        return "ok";
    }
}
