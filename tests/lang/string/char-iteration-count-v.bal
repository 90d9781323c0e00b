import ballerina/io;

public function main() {
    int vowels = 0;
    foreach string c in "Balmail Runtime" {
        if "aeiouAEIOU".includes(c) {
            vowels += 1;
        }
    }
    io:println(vowels); // @output 6
}
