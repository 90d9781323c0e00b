import ballerina/io;

// a client class with resource methods, called by client resource access actions (spec, "Client
// resource access action"): path segments select the method, `[e]` is a computed segment, `[...e]` a rest
client class Albums {
    private string[] titles = ["a", "b"];

    resource function get albums() returns string[] {
        return self.titles;
    }

    resource function get albums/[int id]() returns string {
        return self.titles[id];
    }

    resource function post albums(string title) returns int {
        self.titles.push(title);
        return self.titles.length();
    }

    resource function get files/[string... parts](int depth = 0) returns string {
        return string:'join("/", ...parts) + ":" + depth.toString();
    }

    resource function get .() returns string {
        return "root";
    }
}

public function main() {
    Albums c = new;
    io:println(c->/albums); // @output ["a","b"]
    io:println(c->/albums/[1]); // @output b
    io:println(c->/albums.post("c")); // @output 3
    io:println(c->/albums.get()); // @output ["a","b","c"]
    io:println(c->/files/x/y(depth = 2)); // @output x/y:2
    string[] p = ["q", "r"];
    io:println(c->/files/[...p]); // @output q/r:0
    io:println(c->/); // @output root
}
