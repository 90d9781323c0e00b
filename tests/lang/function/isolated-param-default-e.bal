// A parameter's default value is evaluated when the function is called, so in an `isolated` function it
// may not read mutable module state either.
int pollSeconds = 30;
final int retries = 3;

isolated function poll(int seconds = pollSeconds) { // @error invalid access of mutable storage in an 'isolated' function
    _ = seconds;
}

isolated function again(int times = retries) {
    _ = times;
}

function plain(int seconds = pollSeconds) {
    _ = seconds;
}

public function main() {
    poll();
    again();
    plain();
}
