import ballerina/io;

public function main() {
    string|io:Error content = io:fileReadString("/etc/hostname");
    if content is io:Error {
        io:println(content.message().startsWith("permission denied")); // @output true
    }
}
