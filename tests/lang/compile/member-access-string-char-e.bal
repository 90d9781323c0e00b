// `s[i]` on a string is a one-character string, `string:Char`.
public function main() {
    string subject = "Re: order";
    int first = subject[0]; // @error incompatible types: expected 'int', found 'string:Char'
    _ = first;
}
