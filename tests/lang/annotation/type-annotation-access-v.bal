import ballerina/io;

// `t.@a` is the value of annotation `a` on the definition of the type `t` describes: `true` for an
// annotation declared without a type, else its mapping constructor built with the annotation's type
// (defaults filled in) and made read-only; `()` when the definition does not carry it or the annotation
// is declared `on source type` (kept in the source only).
type Info record {|
    string owner;
    int level = 1;
|};

annotation Info info on type, class;
annotation flag on type;
annotation Info unused on type;
annotation Info sourceOnly on source type;

const OWNER = "ops";

@info {owner: OWNER}
@flag
@sourceOnly {owner: "nobody"}
type Port int;

@info {owner: "mail", level: 3}
type Message record {|
    string subject;
|};

@info {owner: "core"}
class Mailbox {
}

type Plain string;

public function main() {
    Info? a = Port.@info;
    io:println(a); // @output {"owner":"ops","level":1}
    io:println(Port.@flag); // @output true
    io:println(Port.@unused is ()); // @output true
    io:println(Port.@sourceOnly is ()); // @output true
    io:println(Plain.@info is ()); // @output true
    typedesc<record {}> t = Message;
    io:println(t.@info); // @output {"owner":"mail","level":3}
    Message m = {subject: "hi"};
    io:println((typeof m).@info); // @output {"owner":"mail","level":3}
    io:println(Mailbox.@info); // @output {"owner":"core","level":1}
    Info? i = Port.@info;
    io:println(i is readonly); // @output true
}
