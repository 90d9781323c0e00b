int port = check parsePort(); // @panic NumberParsingError

function parsePort() returns int|error {
    return int:fromString("not-a-port");
}

public function main() {
}
