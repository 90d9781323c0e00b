import ballerina/io;

class Registry {
    string[] items = [];

    function adder() returns function (string) {
        return function(string s) {
            self.items.push(s);
        };
    }
}

public function main() {
    Registry r = new;
    var add = r.adder();
    add("a");
    add("b");
    io:println(r.items); // @output ["a","b"]
}
