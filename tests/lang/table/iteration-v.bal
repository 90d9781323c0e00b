import ballerina/io;

type Score record {|
    readonly string name;
    int points;
|};

public function main() {
    table<Score> key(name) scores = table [
        {name: "ann", points: 3},
        {name: "bob", points: 5},
        {name: "cy", points: 1}
    ];
    foreach Score s in scores {
        io:println(s.name, "=", s.points);
    }
    // @output ann=3
    // @output bob=5
    // @output cy=1

    int total = scores.reduce(function(int acc, Score s) returns int => acc + s.points, 0);
    io:println(total); // @output 9

    table<Score> key(name) high = scores.filter(s => s.points > 2);
    io:println(high.keys()); // @output ["ann","bob"]

    scores.forEach(function(Score s) {
        io:println(s.name.toUpperAscii());
    });
    // @output ANN
    // @output BOB
    // @output CY

    var doubled = scores.map(s => {name: s.name, points: s.points * 2});
    io:println(doubled); // @output [{"name":"ann","points":6},{"name":"bob","points":10},{"name":"cy","points":2}]

    var it = scores.iterator();
    var first = it.next();
    io:println(first); // @output {"value":{"name":"ann","points":3}}
}
