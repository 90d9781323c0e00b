type Row record {|
    readonly int id;
    readonly string code;
|};

public function main() {
    table<Row> key(id) rows = table key(code) [{id: 1, code: "a"}]; // @error table key specifier mismatch. expected: '[id]' but found '[code]'
}
