import ballerina/io;

// Unicode property escapes of the Ballerina regexp grammar: a general category with or without `gc=`,
// a script with `sc=`, their negations `\P{...}`, and properties inside a character class.
public function main() {
    string:RegExp latin = re `\p{sc=Latin}+`;
    io:println(latin.isFullMatch("déjà")); // @output true
    io:println(latin.isFullMatch("αβγ")); // @output false
    string:RegExp greek = re `\p{sc=Greek}+`;
    io:println(greek.isFullMatch("αβγ")); // @output true
    string:RegExp upper = re `\p{gc=Lu}\p{Ll}*`;
    io:println(upper.isFullMatch("Émile")); // @output true
    io:println(upper.isFullMatch("émile")); // @output false
    string:RegExp notLetters = re `\P{L}+`;
    io:println(notLetters.findAll("ab12 cd").length()); // @output 1
    io:println(notLetters.replaceAll("ab12 cd", "_")); // @output ab_cd
    string:RegExp classed = re `[\p{Nd}\p{sc=Cyrillic}]+`;
    io:println(classed.isFullMatch("42мир")); // @output true
    string:RegExp nonUpper = re `[^\P{Lu}]+`;
    io:println(nonUpper.isFullMatch("ÀB")); // @output true
    io:println(re `\u{41}\t`.isFullMatch("A\t")); // @output true
}
