// The static type of `<- W` is the type of what W sends (with W's error type when W may return an
// error), and of `wait W` / `wait f` the worker's or future's return type (spec: "Single receive action",
// "Wait action"); a variable of another type cannot hold it.
function square(int n) returns int {
    return n * n;
}

public function main() returns error? {
    worker producer returns error? {
        "ready" -> function;
        check maybeFail();
    }
    worker counter returns int {
        return 7;
    }
    int status = <- producer; // @error incompatible types: expected 'int', found '(string|error)'
    string label = wait counter; // @error incompatible types: expected 'string', found 'int'
    future<int> f = start square(3);
    string s = wait f; // @error incompatible types: expected 'string', found 'int'
    int n = wait counter | f;
    _ = [status, label, s, n];
}

function maybeFail() returns error? {
}
