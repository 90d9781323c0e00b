// Multiple receive `<- {a: w1, b: w2}` waits for one message from each worker; alternate receive
// `<- w1 | w2` takes the first message that is not an error.
import ballerina/io;

type Result record {
    string a;
    string b;
};

public function main() {
    worker w1 {
        "from w1" -> function;
        error failure = error("w1 failed");
        failure -> w3;
    }

    worker w2 {
        "from w2" -> function;
        "w2 ok" -> w3;
    }

    worker w3 returns string|error {
        string|error result = <- w1 | w2;
        return result;
    }

    Result result = <- {a: w1, b: w2};
    io:println(result); // @output {"a":"from w1","b":"from w2"}
    string|error w3Result = wait w3;
    io:println(w3Result); // @output w2 ok
}
