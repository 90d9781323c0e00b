import ballerina/io;

// Class type qualifiers may come in any order: `readonly distinct class` as well as
// `distinct readonly class`.
readonly distinct class Token {
    public string text;

    function init(string text) {
        self.text = text;
    }
}

distinct readonly class Mark {
    public string text = "m";
}

public function main() {
    Token t = new ("abc");
    Mark m = new;
    io:println(t.text, " ", m.text, " ", t is Mark, " ", (<any>t).isReadOnly()); // @output abc m false true
}
