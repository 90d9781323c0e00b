import ballerina/io;

int a = 5;
int b = a * 2;
string label = "b=" + b.toString();

public function main() {
    io:println(label); // @output b=10
}
