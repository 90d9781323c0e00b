import ballerina/io;
import ballerina/os;

// Without --allow-env, setEnv and unsetEnv return the permission error as an os:Error (an empty key is
// refused first, as the module checks it before anything else); listEnv shows only the variables the
// program may read, none here. Without --allow-exec, exec returns an os:Error naming the program.
public function main() {
    os:Error? empty = os:setEnv("", "x");
    if empty is os:Error {
        io:println(empty.message()); // @output The parameter key cannot be an empty string
    }
    os:Error? sign = os:setEnv("==", "x");
    if sign is os:Error {
        io:println(sign.message()); // @output The parameter key cannot be == sign
    }
    os:Error? set = os:setEnv("MAIL_HOST", "example.org");
    if set is os:Error {
        io:println(set.message()); // @output permission denied: environment variable 'MAIL_HOST' is not allowed; grant it with --allow-env=MAIL_HOST
    }
    os:Error? unset = os:unsetEnv("");
    io:println(unset is os:Error); // @output true
    io:println(os:unsetEnv("MAIL_HOST") is os:Error); // @output true
    map<string> env = os:listEnv();
    io:println(env.length()); // @output 0
    os:Process|os:Error process = os:exec({value: "echo", arguments: ["hi"]}, LANG = "C");
    if process is os:Error {
        io:println(process.message()); // @output permission denied: running the program 'echo' is not allowed; grant it with --allow-exec=echo
        io:println(process is os:ProcessExecError); // @output true
    }
}
