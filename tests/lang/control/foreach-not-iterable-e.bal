// `foreach` iterates lists, mappings, strings, ranges, tables, streams, xml and iterable objects; an int is
// none of these (write a range: `0 ..< count`).
public function main() {
    int count = 3;
    foreach int i in count { // @error incompatible types: 'int' is not an iterable collection
        _ = i;
    }
}
