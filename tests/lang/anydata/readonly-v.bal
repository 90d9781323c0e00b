import ballerina/io;

public function main() {
    int[] xs = [1];
    io:println(xs.isReadOnly()); // @output false
    int[] & readonly ro = xs.cloneReadOnly();
    io:println(ro.isReadOnly()); // @output true
    io:println(ro is readonly); // @output true
}
