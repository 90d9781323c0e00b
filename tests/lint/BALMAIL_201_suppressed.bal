// No finding: the permission listing is silenced where it would be reported.
import ballerina/io;

public function main() returns error? {
    // balmail:ignore BALMAIL_201
    io:println(check io:fileReadString("/etc/hostname"));
}
