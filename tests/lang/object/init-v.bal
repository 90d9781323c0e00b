import ballerina/io;

class Account {
    final string owner;
    int balance;

    function init(string owner, int initial = 0) {
        self.owner = owner;
        self.balance = initial;
    }

    function deposit(int amount) returns int {
        self.balance += amount;
        return self.balance;
    }
}

public function main() {
    Account a = new ("ann", 10);
    io:println(a.deposit(5)); // @output 15
    Account b = new ("bob");
    io:println(b.owner, " ", b.balance); // @output bob 0
}
