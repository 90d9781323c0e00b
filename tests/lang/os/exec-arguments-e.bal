import ballerina/os;

public function main() returns error? {
    os:Process p = check os:exec({value: "ls", arguments: "-l"}); // @error incompatible types
    string code = check p.waitForExit(); // @error incompatible types: expected 'string', found 'int'
    check os:setEnv("A", 1); // @error incompatible types: expected 'string', found 'int'
    int env = os:listEnv(); // @error incompatible types
}
