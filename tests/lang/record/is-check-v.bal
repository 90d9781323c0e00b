import ballerina/io;

type Cat record {|
    string name;
    boolean meows;
|};

type Dog record {|
    string name;
    boolean barks;
|};

function describe(Cat|Dog pet) returns string {
    if pet is Cat {
        return pet.name + " is a cat";
    }
    return pet.name + " is a dog";
}

public function main() {
    io:println(describe({name: "Tom", meows: true})); // @output Tom is a cat
    Dog d = {name: "Rex", barks: true};
    io:println(describe(d)); // @output Rex is a dog
}
