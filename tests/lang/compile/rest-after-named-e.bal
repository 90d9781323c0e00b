// A rest argument `...xs` cannot follow named arguments either.
function notify(string subject, int count = 1, string... tags) {
    _ = subject;
    _ = count;
    _ = tags;
}

public function main() {
    string[] tags = ["urgent"];
    notify("new mail", count = 2, ...tags); // @error rest argument not allowed after named arguments
}
