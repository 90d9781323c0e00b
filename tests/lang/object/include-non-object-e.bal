// Only object types can be included in an object type.
type Priority int;

type Ticket object { // @error incompatible types: 'Priority' is not an object
    *Priority;
};

public function main() {
}
