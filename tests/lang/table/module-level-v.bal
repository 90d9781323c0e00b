import ballerina/io;

type Album readonly & record {|
    string id;
    string title;
    decimal price;
|};

final table<Album> key(id) albums = table [
    {id: "1", title: "Blue Train", price: 56.99},
    {id: "2", title: "Jeru", price: 17.99}
];

isolated table<Album> key(id) store = table [];

isolated function lookup(string id) returns Album? {
    return albums[id];
}

isolated function addAlbum(Album a) returns error? {
    lock {
        if store.hasKey(a.id) {
            return error("album " + a.id + " exists");
        }
        store.add(a);
    }
}

public function main() returns error? {
    io:println(lookup("2")); // @output {"id":"2","title":"Jeru","price":17.99}
    io:println(lookup("9") is ()); // @output true
    check addAlbum({id: "3", title: "T", price: 1.5});
    error? e = addAlbum({id: "3", title: "T", price: 1.5});
    if e is error {
        io:println(e.message()); // @output album 3 exists
    }
    lock {
        io:println(store.length()); // @output 1
    }
    Album[] cheap = from Album a in albums where a.price < 20d select a;
    io:println(cheap); // @output [{"id":"2","title":"Jeru","price":17.99}]
}
