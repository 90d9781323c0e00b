import ballerina/io;

type Reading record {|
    string meter;
    float kwh;
|};

public function main() {
    Reading[] readings = [{meter: "m1", kwh: 1.5}, {meter: "m2", kwh: 2.25}, {meter: "m1", kwh: 0.25}];
    // `collect` makes one group of all the rows: every query variable is a sequence
    float total = from var {kwh} in readings collect sum(kwh);
    io:println(total); // @output 4.0
    string[] meters = from var {meter} in readings collect [meter];
    io:println(meters); // @output ["m1","m2","m1"]
    var summary = from var {meter, kwh} in readings
        where meter == "m1"
        let float wh = kwh * 1000
        collect {rows: count(meter), wh: [wh], peak: float:max(0, kwh)};
    io:println(summary); // @output {"rows":2,"wh":[1500.0,250.0],"peak":1.5}
    // no rows: still one group, with empty sequences
    int n = from var {meter} in readings where meter == "none" collect count(meter);
    io:println(n); // @output 0
}
