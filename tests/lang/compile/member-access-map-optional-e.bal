// `m[k]` on a `map<string>` may find no member: its type is `string?`.
public function main() {
    map<string> headers = {"Subject": "hello"};
    string subject = headers["Subject"]; // @error incompatible types: expected 'string', found 'string?'
    _ = subject;
}
