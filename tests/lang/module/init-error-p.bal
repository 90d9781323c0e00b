function init() returns error? {
    return error("cannot start"); // @panic cannot start
}

public function main() {
}
