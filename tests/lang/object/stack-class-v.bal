import ballerina/io;

class Stack {
    private int[] items = [];

    function push(int x) {
        self.items.push(x);
    }

    function pop() returns int? {
        if self.items.length() == 0 {
            return ();
        }
        return self.items.pop();
    }

    function size() returns int => self.items.length();
}

public function main() {
    Stack s = new;
    s.push(1);
    s.push(2);
    io:println(s.pop(), " ", s.size()); // @output 2 1
    _ = s.pop();
    io:println(s.pop() is ()); // @output true
}
