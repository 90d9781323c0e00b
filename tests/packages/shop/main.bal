import ballerina/io;
import shop.util;

public function main() {
    util:Item item = {name: "x"};
    util:Counter c = new;
    _ = c.next();
    io:println(greeting(), " ", util:clean("  x  "), " ", count, " ", util:LABEL, " ", util:LIMIT);
    io:println(item.name, " ", c.next(), " ", describe(item));
}
