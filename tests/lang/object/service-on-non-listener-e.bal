string inbox = "INBOX";

service on inbox { // @error incompatible types: expected 'listener', found 'string'
}

public function main() {
}
