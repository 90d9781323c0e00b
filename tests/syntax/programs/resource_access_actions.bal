// construct: client resource access actions — default method, computed [e] and rest [...e] segments,
// named arguments as query parameters, escaped segment names, typed results
import ballerina/http;

type Album record {|
    string id;
    string title;
|};

public function main() returns error? {
    http:Client albums = check new ("http://localhost:9090");
    Album[] all = check albums->/albums;
    Album first = check albums->/albums/[all[0].id].get(headers = {"X-Trace": "1"}, page = 2);
    Album created = check albums->/albums.post({id: "3", title: "Blue"});
    string[] parts = ["a", "b"];
    http:Response gone = check albums->/albums/[...parts].delete();
    _ = check albums->/perf\-test;
    json root = check albums->/;
    http:Response pong = check albums->/ping.head();
    _ = [first, created, gone.statusCode, root, pong.statusCode];
}
