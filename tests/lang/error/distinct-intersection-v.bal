import ballerina/io;

type InputDetail record {|
    int|string value;
|};

type NumericDetail record {|
    int|float value;
|};

type InputError error<InputDetail>;

type DistinctInput distinct error<InputDetail>;

type DistinctNumeric distinct error<NumericDetail>;

type DistinctBoth DistinctInput & DistinctNumeric;

// An error constructed with an intersection of distinct error types as its contextual type has the
// type ids of every member; a structural error type matches by its detail alone.
public function main() {
    DistinctBoth e = error("both", value = 5);
    io:println(e is DistinctInput); // @output true
    io:println(e is DistinctNumeric); // @output true
    io:println(e is InputError); // @output true
    InputError plain = error("plain", value = 5);
    io:println(plain is DistinctInput); // @output false
}
