import ballerina/io;
import ballerina/os;

// The user name counts as the environment variable USER: without --allow-env=USER it panics (getUsername
// returns a string, so the refusal cannot be returned), and trap sees the permission error.
public function main() {
    string|error name = trap os:getUsername();
    if name is error {
        io:println(name.message()); // @output permission denied: environment variable 'USER' is not allowed; grant it with --allow-env=USER
    }
    string|error home = trap os:getUserHome();
    io:println(home is error); // @output true
}
