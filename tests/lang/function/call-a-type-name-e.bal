type Ids int[];

public function main() {
    int id = 7;
    Ids(id); // @error undefined function 'Ids'
}
