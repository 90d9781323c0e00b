public type Doc record {|
    string title;
    int level = 1;
|};

public annotation Doc doc on type, class;

public annotation marker on type;

public annotation Doc onlySource on source type;

public function titleOf(typedesc<anydata> t) returns string? {
    Doc? d = t.@doc;
    return d?.title;
}
