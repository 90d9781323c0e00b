// An annotation attaches only where its declaration says, with a value of its type.
type Owner record {|
    string team;
    int level;
|};

annotation Owner owner on type;
annotation audited on function;

@owner {team: "mail", level: 1}
type Inbox record {|
    string address;
|};

@audited // @error annotation 'audited' is not allowed on type
type Outbox record {|
    string address;
|};

@owner {team: "mail", level: "high"} // @error incompatible types: expected 'int', found 'string'
type Spam record {|
    string address;
|};

@audited
public function main() {
}
