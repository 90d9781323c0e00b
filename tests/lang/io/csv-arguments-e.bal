import ballerina/io;

public function main() returns error? {
    check io:fileWriteCsv("out.csv"); // @error missing required parameter 'content' in call to 'fileWriteCsv()'
}
