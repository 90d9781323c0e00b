// A `while` whose condition is a constant expression equal to `true` (here a named constant) completes
// only through `break`: Ballerina's reachability analysis folds constant conditions, so a statement after
// such a loop without `break` is unreachable, and a function ending in one needs no `return`.
import ballerina/io;

const FOREVER = true;
const boolean ALSO_FOREVER = true;

function spin() returns int {
    while FOREVER {
        io:println("spinning");
    }
} // a loop that never ends by its condition: no "must return a result" here

public function main() {
    int n = 0;
    while ALSO_FOREVER {
        while FOREVER {
            break; // leaves the inner loop only
        }
        n += 1;
    }
    io:println(n); // @error unreachable code
}
