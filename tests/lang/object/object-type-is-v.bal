import ballerina/io;

type Shape object {
    function area() returns float;
};

class Square {
    float side;

    function init(float side) {
        self.side = side;
    }

    function area() returns float => self.side * self.side;
}

public function main() {
    Shape s = new Square(3.0);
    io:println(s.area()); // @output 9.0
    io:println(s is Square); // @output true
}
