type Row record {|
    readonly int id;
    readonly string code;
|};

public function main() {
    table<Row> key<int> ok = table key(id) [{id: 1, code: "a"}];
    table<Row> key<int> bad = table key(code) [{id: 1, code: "a"}]; // @error table key specifier '[code]' does not match with key constraint type '[int]'
}
