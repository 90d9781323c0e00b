// A class that includes an object type must implement each of its methods.
type Filter object {
    function accepts(string subject) returns boolean;
};

class SpamFilter { // @error no implementation found for the method 'accepts' of class 'SpamFilter'
    *Filter;
}

public function main() {
}
