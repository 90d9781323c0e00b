// construct: query expressions — from/in, where, let, join ... on ... equals, order by (ascending/descending), limit,
//            select, collect, group by (existing and new keys); query action with do, as a statement and
//            as an expression
import ballerina/io;

type Message record {|
    int id;
    string sender;
    string folder;
    int size;
|};

type Folder record {|
    string name;
    string owner;
|};

public function main() {
    Message[] messages = [
        {id: 1, sender: "ann@example.com", folder: "INBOX", size: 1200},
        {id: 2, sender: "bob@example.com", folder: "Sent", size: 300},
        {id: 3, sender: "ann@example.com", folder: "INBOX", size: 5000},
        {id: 4, sender: "cy@example.com", folder: "Archive", size: 800}
    ];
    Folder[] folders = [{name: "INBOX", owner: "ops"}, {name: "Sent", owner: "sales"}];

    string[] bigSenders = from Message m in messages
        where m.size > 500
        let string user = m.sender.substring(0, m.sender.indexOf("@") ?: 0)
        order by m.size descending
        limit 2
        select user;

    var owned = from var m in messages
        join Folder f in folders on m.folder equals f.name
        order by f.owner ascending, m.id descending
        select {id: m.id, owner: f.owner};

    int totalSize = from var {size} in messages
        collect sum(size);


    var perSender = from var {sender, size} in messages
        group by sender, boolean big = size > 1000
        select {sender, big, total: sum(size), sizes: [size]};

    from Message m in messages
    where m.folder == "INBOX"
    do {
        io:println("inbox message ", m.id);
    };

    error? failed = from var {name} in folders
        do {
            io:println(name);
        };

    io:println(bigSenders, " ", owned, " ", totalSize, " ", perSender, " ", failed);
}
