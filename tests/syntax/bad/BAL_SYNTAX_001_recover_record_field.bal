type R record {|
    string a
    int b;
|};
