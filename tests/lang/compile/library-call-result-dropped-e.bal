// A library function whose result can be an error cannot be called as a statement: keep the
// result or `check` it.
import ballerina/io;

public function main() {
    io:fileWriteString("/tmp/balmail-never-written.txt", "text"); // @error variable assignment is required
}
