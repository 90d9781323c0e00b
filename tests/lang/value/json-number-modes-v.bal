import ballerina/io;
import ballerina/lang.value;

// fromJsonString reads integers as int and other numbers as decimal; fromJsonFloatString reads every
// number as float and fromJsonDecimalString every number as decimal. first/last/count take any values.
public function main() returns error? {
    json[] j = <json[]>check value:fromJsonString("[1, 2.5]");
    io:println(j[0] is int, " ", j[1] is decimal); // @output true true
    json f = check value:fromJsonFloatString("[1, 2.5, {\"a\": -3}]");
    io:println(f); // @output [1.0,2.5,{"a":-3.0}]
    json[] d = <json[]>check value:fromJsonDecimalString("[1, 2.50]");
    io:println(d[0] is decimal, " ", d); // @output true [1,2.50]
    io:println(value:fromJsonFloatString("[1,") is error); // @output true
    io:println(value:first(3, "x", true), " ", value:last(3, "x", true), " ", value:count(3, "x", true)); // @output 3 true 3
}
