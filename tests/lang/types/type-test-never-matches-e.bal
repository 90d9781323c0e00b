// `x is T` where no value of x's type can be a T is refused: the test could never be true.
type Point record {|
    int x;
    int y;
|};

type Named record {|
    string name;
|};

public function main() {
    int count = 3;
    int[] sizes = [1, 2];
    map<int> totals = {};
    [int, string] pair = [1, "a"];
    Point p = {x: 1, y: 2};
    int|string key = "k";
    if count is float { // @error incompatible types: 'int' will not be matched to 'float'
    }
    if sizes is string[] { // @error incompatible types: 'int[]' will not be matched to 'string[]'
    }
    if totals is map<string> { // @error incompatible types: 'map<int>' will not be matched to 'map<string>'
    }
    if pair is [int, int] { // @error incompatible types: '[int,string]' will not be matched to '[int,int]'
    }
    if p is Named { // @error incompatible types: 'Point' will not be matched to 'Named'
    }
    if key !is boolean|decimal { // @error incompatible types: '(int|string)' will not be matched to '(boolean|decimal)'
    }
}
