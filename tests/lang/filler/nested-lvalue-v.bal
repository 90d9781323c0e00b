import ballerina/io;

type Point record {
    int x = 0;
    int y = 0;
};

type Line record {|
    Point 'start?;
    Point end = {};
|};

function grid(int n) returns int[][] {
    int[][] g = [];
    foreach int i in 0 ..< n {
        g[i][i] = i + 1; // the row g[i] is created from int[]'s filler (an empty list), then grown
    }
    return g;
}

public function main() {
    int[][] rows = [];
    rows[2][1] = 5;
    io:println(rows); // @output [[],[],[0,5]]

    io:println(grid(3)); // @output [[1],[0,2],[0,0,3]]

    map<map<string>> index = {};
    index["fruit"]["apple"] = "red";
    index["fruit"]["pear"] = "green";
    io:println(index); // @output {"fruit":{"apple":"red","pear":"green"}}

    map<int[]> buckets = {};
    buckets["odd"][1] = 3;
    io:println(buckets); // @output {"odd":[0,3]}

    Point[] points = [];
    points[1].y = 7;
    io:println(points); // @output [{"x":0,"y":0},{"x":0,"y":7}]

    Line line = {};
    line.'start.x = 4;
    io:println(line.'start); // @output {"x":4,"y":0}

    float[][] m = [[1.5]];
    m[0][0] += 1.0;
    io:println(m); // @output [[2.5]]
}
