// `==` compares anydata values; function values can only be compared with `===`.
type Handler function (string) returns boolean;

function accept(string s) returns boolean => s.length() > 0;

function reject(string s) returns boolean => s.length() == 0;

public function main() {
    Handler a = accept;
    Handler b = reject;
    boolean same = a === b;
    boolean equal = a == b; // @error operator '==' not defined for 'Handler' and 'Handler'
    _ = [same, equal];
}
