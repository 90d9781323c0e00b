import ballerina/io;

public function main() {
    string s = "zzz";
    match s {
        "a" => {
            io:println("a");
        }
    }
    io:println("done"); // @output done
}
