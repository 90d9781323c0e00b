import ballerina/io;

// Since Ballerina 2201.1 an int may multiply a float or decimal (either side), and a float or decimal
// may be divided by, or taken modulo, an int; the result has the float's or decimal's type.
public function main() {
    int items = 4;
    float price = 2.5;
    decimal rate = 0.25;
    float total = items * price;
    io:println(total); // @output 10.0
    io:println(price * items); // @output 10.0
    io:println(price / items); // @output 0.625
    io:println(7.5 % items); // @output 3.5
    decimal share = items * rate;
    io:println(share); // @output 1.00
    io:println(rate / items); // @output 0.0625
    io:println(10.5d % items); // @output 2.5
    var scaled = items * price;
    io:println(scaled / 4); // @output 2.5
    io:println((items * price) + 1); // @output 11.0
    int? maybe = ();
    io:println(maybe * price is ()); // @output true
}
