import ballerina/io;

type Sale record {|
    string name;
    int price;
    boolean paid;
|};

// After `collect` a sequence variable may be passed to lang library functions without a module
// prefix: the mean of ints is a decimal, `'join`'s separator is its first argument, `some` and
// `every` are lang.boolean's; over an empty sequence `max` and `'join(name)` give ().
public function main() {
    Sale[] sales = [{name: "a", price: 11, paid: true}, {name: "b", price: 15, paid: false},
        {name: "a", price: 18, paid: true}];
    decimal? mean = from var {price} in sales collect avg(price);
    io:println(mean); // @output 14.66666666666666666666666666666667
    io:println(int:avg(1, 2)); // @output 1.5
    string names = from var {name} in sales collect 'join("_", name);
    io:println(names); // @output a_b_a
    boolean anyPaid = from var {paid} in sales collect some(paid);
    boolean allPaid = from var {paid} in sales collect every(paid);
    io:println(anyPaid, " ", allPaid); // @output true false
    string joined = from var {name} in sales collect concat("names:", name);
    io:println(joined); // @output names:aba
    int? top = from var {price} in sales where price > 100 collect max(price);
    io:println(top is ()); // @output true
    string? none = from var {name} in sales where name == "x" collect 'join(name);
    io:println(none is ()); // @output true
}
