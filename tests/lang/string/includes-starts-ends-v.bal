import ballerina/io;

public function main() {
    string subject = "Invoice #42 overdue";
    io:println(subject.includes("#42")); // @output true
    io:println(subject.includes("paid")); // @output false
    io:println(subject.startsWith("Invoice")); // @output true
    io:println(subject.endsWith("due")); // @output true
    io:println(subject.endsWith("Due")); // @output false
}
