import ballerina/io;

class Temp {
    int degrees = 21;

    function toString() returns string {
        return self.degrees.toString() + "C";
    }
}

public function main() {
    Temp t = new;
    io:println(t.toString()); // @output 21C
}
