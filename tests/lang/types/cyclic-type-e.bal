// A type is recursive only through a structure; a definition that is itself through references and
// unions alone describes nothing.
type Tree Tree[]|int;

type Id Key; // @error invalid cyclic type reference in '[Id, Key, Id]'
type Key Id|string;

type Self Self; // @error invalid cyclic type reference in '[Self, Self]'

public function main() {
    Tree t = [1, [2, 3]];
    _ = t;
}
