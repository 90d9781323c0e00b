import ballerina/io;

type Price record {|
    float amount;
    decimal tax;
|};

public function main() {
    Price p = {amount: 10, tax: 2};
    io:println(p.amount, " ", p.tax); // @output 10.0 2
    p.amount = 3;
    io:println(p.amount); // @output 3.0
}
