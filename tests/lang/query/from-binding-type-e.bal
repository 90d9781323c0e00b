// The typed binding of a query's `from` clause takes each member of the collection, so the member type
// must fit the binding's type (spec: from clause, as for foreach).
public function main() {
    int[] xs = [1, 2, 3];
    int[] _ = from string x in xs select x.length(); // @error incompatible types: expected 'string', found 'int'
}
