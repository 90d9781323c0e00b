import ballerina/io;

type User record {|
    int id;
    string name;
|};

type Mail record {|
    int userId;
    string subject;
|};

public function main() {
    User[] users = [{id: 1, name: "ann"}, {id: 2, name: "bob"}];
    Mail[] mails = [{userId: 2, subject: "hi"}, {userId: 1, subject: "yo"}, {userId: 2, subject: "re"}];
    string[] lines = from Mail m in mails
        join User u in users on m.userId equals u.id
        select u.name + ":" + m.subject;
    io:println(lines); // @output ["bob:hi","ann:yo","bob:re"]
}
