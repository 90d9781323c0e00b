import ballerina/io;
import ballerina/lang.regexp;

type Line record {|
    string sku;
    int qty;
|};

final string:RegExp LINE = re `([A-Z0-9-]+)\s*[xX]\s*([0-9]+)`;

function parseLines(string body) returns Line[]|error {
    Line[] out = [];
    foreach string raw in re `\n`.split(body) {
        regexp:Groups? g = LINE.findGroups(raw);
        if g is () {
            continue;
        }
        regexp:Span? sku = g[1];
        regexp:Span? qty = g[2];
        if sku is regexp:Span && qty is regexp:Span {
            out.push({sku: sku.substring(), qty: check int:fromString(qty.substring())});
        }
    }
    return out;
}

public function main() returns error? {
    Line[] lines = check parseLines("SKU-1 x 2\nhello\nAB-9 X 10");
    io:println(lines); // @output [{"sku":"SKU-1","qty":2},{"sku":"AB-9","qty":10}]
    int total = from var {qty} in lines collect sum(qty);
    io:println(total); // @output 12
}
