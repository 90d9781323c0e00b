import ballerina/io;
import ballerina/uuid;

// Versions 3 and 5 are name-based (RFC 4122), so they are the same everywhere; 1 and 4 are not.
public function main() returns error? {
    string random = uuid:createType4AsString();
    io:println(uuid:validate(random), " ", random.length()); // @output true 36
    io:println(check uuid:getVersion(random)); // @output V4
    io:println(check uuid:getVersion(uuid:createType1AsString())); // @output V1
    io:println(uuid:validate(uuid:createRandomUuid())); // @output true
    string v3 = check uuid:createType3AsString(uuid:NAME_SPACE_DNS, "python.org");
    io:println(v3); // @output 6fa459ea-ee8a-3ca4-894e-db77e160355e
    io:println(check uuid:createType5AsString(uuid:NAME_SPACE_DNS, "python.org")); // @output 886313e1-3b8a-5372-9b90-0c9aee199e5d
    uuid:Uuid r = check uuid:toRecord(v3);
    io:println(r.timeLow, " ", r.timeHiAndVersion); // @output 1873041898 15524
    io:println(check uuid:toString(r) == v3); // @output true
    byte[] bytes = check uuid:toBytes(v3);
    io:println(bytes.length()); // @output 16
    io:println(uuid:validate("6fa459ea-ee8a-3ca4-894e-db77e160355")); // @output false
    io:println(uuid:nilAsString()); // @output 00000000-0000-0000-0000-000000000000
    string|uuid:Error empty = uuid:createType5AsString(uuid:NAME_SPACE_URL, "   ");
    if empty is uuid:Error {
        io:println(empty.message()); // @output Name cannot be empty
    }
}
