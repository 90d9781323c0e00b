import ballerina/io;

function inner() returns error {
    return error("deep");
}

function wrapper() returns error {
    return inner();
}

public function main() {
    error e = wrapper();
    error:StackFrame[] frames = e.stackTrace();
    io:println(frames.length()); // @output 3
    io:println(frames[0].toString()); // @output callableName: inner  fileName: stack-trace-frames-v.bal lineNumber: 4
    io:println(frames); // @output [callableName: inner  fileName: stack-trace-frames-v.bal lineNumber: 4,callableName: wrapper  fileName: stack-trace-frames-v.bal lineNumber: 8,callableName: main  fileName: stack-trace-frames-v.bal lineNumber: 12]
}
