type Msg record {|
    string subject;
|};

public function main() {
    Msg? m = ();
    Msg real = <Msg>m; // @panic
}
