import ballerina/io;

type Order record {|
    int orderId;
    string item;
    int quantity;
    int price;
|};

public function main() {
    Order[] orders = [
        {orderId: 1, item: "A", quantity: 2, price: 10},
        {orderId: 1, item: "A", quantity: 1, price: 12},
        {orderId: 2, item: "B", quantity: 3, price: 7},
        {orderId: 1, item: "B", quantity: 4, price: 7}
    ];
    // the non-grouping variable `item` is a sequence: `[item]` is the list of its values in the group
    var items = from var {orderId, item} in orders
        group by orderId
        select [item];
    io:println(items); // @output [["A","A","B"],["B"]]
    var quantities = from var {item, quantity} in orders
        group by item
        select {item, quantity: sum(quantity)};
    io:println(quantities); // @output [{"item":"A","quantity":3},{"item":"B","quantity":7}]
    // langlib functions with a rest parameter take a sequence variable as their rest arguments
    int[] most = from var {item, price} in orders
        group by item
        select int:max(0, price);
    io:println(most); // @output [12,7]
    int[] counts = from var {item, price} in orders
        group by item
        select [price].length();
    io:println(counts); // @output [2,2]
    int[] doubled = from var {item, price} in orders
        group by item
        select 2.sum(price);
    io:println(doubled); // @output [24,16]
    // several keys, a key computed by the clause, and clauses after the grouping
    var perOrder = from var {orderId, item, quantity} in orders
        group by orderId, string kind = item.toLowerAscii()
        let int total = sum(quantity)
        where total > 1
        order by total descending
        select {orderId, kind, total, rows: count(quantity)};
    io:println(perOrder); // @output [{"orderId":1,"kind":"b","total":4,"rows":1},{"orderId":1,"kind":"a","total":3,"rows":2},{"orderId":2,"kind":"b","total":3,"rows":1}]
    // one group of everything
    int[] all = from var {price} in orders
        group by var _ = true
        select sum(price);
    io:println(all); // @output [36]
    int[] none = from var {price} in orders
        where price > 100
        group by var _ = true
        select sum(price);
    io:println(none); // @output []
    // `group` is a keyword only before `by`: it can still name a variable
    string group = "ops";
    var tagged = from var {item} in orders
        group by item
        select item + "@" + group;
    io:println(tagged); // @output ["A@ops","B@ops"]
}
