type Header record {
    string name;
};

public function main() {
    Header h = {name: "x"};
    string v = h.value; // @error undefined field 'value' in record 'Header'
}
