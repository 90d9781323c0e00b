import ballerina/io;

readonly class Point {
    int x;
    int y;

    function init(int x, int y) {
        self.x = x;
        self.y = y;
    }
}

public function main() {
    Point p = new (1, 2);
    io:println(p.x + p.y, " ", p is readonly); // @output 3 true
}
