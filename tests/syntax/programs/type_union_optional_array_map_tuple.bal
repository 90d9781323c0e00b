// construct: union, optional (T?), arrays (T[], T[n], T[*], nested), map<T>, tuples with and without rest
import ballerina/io;

type Recipient string|string[];
type MaybePort int|();

public function main() {
    Recipient one = "a@example.com";
    Recipient many = ["b@example.com", "c@example.com"];
    string? nickname = ();
    int[] counts = [1, 2, 3];
    int[3] fixed = [7, 8, 9];
    string[*] inferred = ["x", "y"];
    int[][] grid = [[1, 2], [3, 4]];
    map<string> headers = {"Subject": "Hi"};
    map<int[]> buckets = {small: [1], large: [100, 200]};
    [string, int] pair = ["imap", 993];
    [string, int...] ports = ["pop3", 110, 995];
    [boolean, string, decimal...] mixed = [true, "x"];
    (int|string)[] items = [1, "two", 3];
    MaybePort port = ();
    io:println(one, " ", many, " ", nickname, " ", counts, " ", fixed, " ", inferred.length(), " ", grid[1][0]);
    io:println(headers, " ", buckets, " ", pair[0], " ", ports.length(), " ", mixed, " ", items, " ", port);
}
