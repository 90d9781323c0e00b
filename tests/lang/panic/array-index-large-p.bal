public function main() {
    string[] names = ["a"];
    int i = 10;
    string n = names[i]; // @panic {ballerina/lang.array}IndexOutOfRange
}
