import ballerina/io;

type Order record {|
    string id;
    int quantity;
    float price;
|};

public function main() {
    Order[] orders = [
        {id: "a", quantity: 2, price: 1.5},
        {id: "b", quantity: 0, price: 9.0},
        {id: "c", quantity: 5, price: 2.0}
    ];
    // the variables of from/let/join have their members' types; select fits the list's member type
    float[] totals = from var o in orders
        where o.quantity > 0
        let float total = o.quantity * o.price
        order by total descending
        limit 2
        select total;
    io:println(totals); // @output [10.0,3.0]
    string[] ids = from Order o in orders select o.id;
    io:println(ids); // @output ["a","b","c"]
    int[] nums = [1, 2];
    string[] joined = from var n in nums
        join var o in orders on n equals o.quantity
        select o.id + ":" + n.toString();
    io:println(joined); // @output ["a:2"]
    map<int> byId = map from var o in orders select [o.id, o.quantity];
    io:println(byId); // @output {"a":2,"b":0,"c":5}
    int total = from var {quantity} in orders collect sum(quantity);
    io:println(total); // @output 7
    var grouped = from var o in orders
        group by boolean some = o.quantity > 0
        select {some, count: [o].length()};
    io:println(grouped.length()); // @output 2
    string text = from var s in ["x", "y"] select s;
    io:println(text); // @output xy
}
