// construct: table types with key constraints, table constructors, keyed member access, add/put, iteration, query into table
import ballerina/io;

type Account record {|
    readonly string address;
    string owner;
    int quota;
|};

type AccountTable table<Account> key(address);

public function main() {
    AccountTable accounts = table [
        {address: "ann@example.com", owner: "Ann", quota: 100},
        {address: "bob@example.com", owner: "Bob", quota: 50}
    ];
    accounts.add({address: "cy@example.com", owner: "Cy", quota: 10});
    accounts.put({address: "bob@example.com", owner: "Robert", quota: 75});
    Account? bob = accounts["bob@example.com"];
    table<Account> key(address) small = table key(address) from Account a in accounts
        where a.quota < 80
        select a;
    foreach Account a in accounts {
        io:println(a.address, " -> ", a.owner);
    }
    io:println(bob?.owner, " ", accounts.length(), " ", small.keys());
}
