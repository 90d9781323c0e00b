// An anonymous function's body is checked as any function's: its own declarations, the variables it
// captures with their declared types, its return type.
function subjects(string?[] raw) returns function () returns string[] {
    string? first = raw.length() > 0 ? raw[0] : ();
    return function() returns string[] {
        string s = first; // @error incompatible types: expected 'string', found 'string?'
        int n = s; // @error incompatible types: expected 'int', found 'string'
        return [s, n.toString()];
    };
}

public function main() {
    _ = subjects(["a"]);
}
