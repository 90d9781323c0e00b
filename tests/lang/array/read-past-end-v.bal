import ballerina/io;

// Reading a list member past its end panics with IndexOutOfRange wherever the read is: in an `if`
// condition, a declaration, an assignment, a compound assignment, a `push` argument and a `return`,
// after whatever the statement evaluated before it (which had no effect).

// (indexes from counted loops starting at 0 are known to be non-negative)
function inCondition(int[] xs, int at) returns string {
    foreach int i in 0 ..< at + 1 {
        if i == at && xs[0] < xs[i] {
            return "less";
        }
    }
    return "not less";
}

function inDeclaration(int[] xs, int at) returns int {
    foreach int i in 0 ..< at + 1 {
        if i == at {
            int v = xs[i] * 2 + xs.length();
            return v;
        }
    }
    return -1;
}

function inAssignment(int[] xs, int at) returns int {
    int v = 0;
    foreach int i in 0 ..< at + 1 {
        if i == at {
            v = xs[i] + xs[i + 1];
        }
    }
    return v;
}

function inCompound(int[] xs) returns int {
    int total = 0;
    int i = 0;
    while i <= xs.length() {
        total += xs[i];
        i += 1;
    }
    return total;
}

function inPush(int[] xs, int n) returns int[] {
    int[] out = [];
    int i = 0;
    while i < n {
        out.push(xs[i]);
        i += 1;
    }
    return out;
}

function inReturn(int[][] rows, int at, int atInner) returns int {
    foreach int i in 0 ..< at + 1 {
        foreach int j in 0 ..< atInner + 1 {
            if i == at && j == atInner {
                return rows[i][j];
            }
        }
    }
    return -1;
}

function message(any|error r) returns string {
    if r is error {
        return r.message() + " " + r.detail().toString();
    }
    return r.toString();
}

public function main() {
    int[] xs = [3, 1, 4];
    io:println(inCondition(xs, 2)); // @output less
    io:println(message(trap inCondition(xs, 3))); // @output {ballerina/lang.array}IndexOutOfRange {"message":"array index out of range: index: 3, size: 3"}
    io:println(inDeclaration(xs, 1)); // @output 5
    io:println(message(trap inDeclaration(xs, 5))); // @output {ballerina/lang.array}IndexOutOfRange {"message":"array index out of range: index: 5, size: 3"}
    io:println(inAssignment(xs, 1)); // @output 5
    io:println(message(trap inAssignment(xs, 2))); // @output {ballerina/lang.array}IndexOutOfRange {"message":"array index out of range: index: 3, size: 3"}
    io:println(message(trap inCompound(xs))); // @output {ballerina/lang.array}IndexOutOfRange {"message":"array index out of range: index: 3, size: 3"}
    io:println(inPush(xs, 2)); // @output [3,1]
    io:println(message(trap inPush(xs, 4))); // @output {ballerina/lang.array}IndexOutOfRange {"message":"array index out of range: index: 3, size: 3"}
    io:println(inReturn([[1, 2], [3]], 1, 0)); // @output 3
    io:println(message(trap inReturn([[1, 2], [3]], 1, 1))); // @output {ballerina/lang.array}IndexOutOfRange {"message":"array index out of range: index: 1, size: 1"}
    io:println(message(trap inReturn([[1, 2], [3]], 2, 0))); // @output {ballerina/lang.array}IndexOutOfRange {"message":"array index out of range: index: 2, size: 2"}
}
