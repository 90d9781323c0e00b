import ballerina/io;

// destructuring assignment with an error binding pattern: the variables already exist
public function main() {
    string msg = "";
    int code = 0;
    map<anydata> others = {};
    error(msg, code = code, ...others) = error("quota exceeded", code = 452, folder = "INBOX");
    io:println(msg, " ", code, " ", others); // @output quota exceeded 452 {"folder":"INBOX"}
    error? cause = ();
    error(msg, cause) = error("outer", error("root"));
    io:println(msg, " ", cause is error); // @output outer true
}
