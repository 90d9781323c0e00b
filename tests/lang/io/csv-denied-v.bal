import ballerina/io;

// Without --allow-read/--allow-write the CSV functions return the sandbox's refusal as an io:Error.
public function main() {
    string[][]|io:Error rows = io:fileReadCsv("/etc/hosts.csv");
    if rows is io:Error {
        io:println(rows.message().startsWith("permission denied: reading")); // @output true
    }
    io:Error? written = io:fileWriteCsv("/tmp/balmail-denied.csv", [["a", "b"]]);
    io:println(written is io:Error); // @output true
    stream<string[], io:Error?>|io:Error s = io:fileReadCsvAsStream("/etc/hosts.csv");
    io:println(s is io:Error); // @output true
}
