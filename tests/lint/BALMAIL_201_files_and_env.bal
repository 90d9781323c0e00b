// BALMAIL_201: file functions need --allow-read/--allow-write for their paths, os:getEnv --allow-env.
import ballerina/io;
import ballerina/os;

configurable string outbox = "/var/spool/filer";

public function main() returns error? {
    string template = check io:fileReadString("/etc/filer/template.txt");
    check io:fileWriteString(string `${outbox}/today.txt`, template + os:getEnv("FILER_NAME"));
    check io:fileWriteBytes("/var/spool/filer/raw.bin", [1, 2, 3], io:APPEND);
}
