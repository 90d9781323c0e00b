import ballerina/io;

// Object types are structural: an object belongs to a class's type when it has that class's fields and
// methods and all of its type IDs. `distinct` adds a type ID, which an including class (`*C`) shares.
class Point {
    public int x = 0;
    public int y = 0;

    function norm1() returns int {
        return self.x.abs() + self.y.abs();
    }
}

class Pixel {
    public int x = 1;
    public int y = 2;
    public string colour = "red";

    function norm1() returns int {
        return self.x + self.y;
    }
}

distinct class Tagged {
    public int x = 0;
    public int y = 0;

    function norm1() returns int {
        return 0;
    }
}

class TaggedToo {
    *Tagged;

    public int x = 0;
    public int y = 0;

    function norm1() returns int {
        return 1;
    }
}

class Secret {
    private int code = 7;
}

class SecretLookalike {
    int code = 7;
}

public function main() {
    any px = new Pixel();
    io:println(px is Point); // @output true
    any pt = new Point();
    io:println(pt is Pixel); // @output false
    any tagged = new Tagged();
    io:println(tagged is Point, " ", pt is Tagged); // @output true false
    any too = new TaggedToo();
    io:println(too is Tagged, " ", tagged is TaggedToo); // @output true true
    any lookalike = new SecretLookalike();
    io:println(lookalike is Secret); // @output false
    if px is Point {
        io:println(px.norm1()); // @output 3
    }
}
