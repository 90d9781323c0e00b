// A `final` field of an object is given its value once, in the class's `init`; any other assignment to
// it is refused at compile time (spec: object type fields, `final`), through the class's type or a union
// of classes that all declare it final. Other fields stay assignable.
class Student {
    final string name;
    float avg = 80.0;

    function init(string n) {
        self.name = n;
        self.avg = 1.0;
    }

    function rename(string n) {
        self.name = n; // @error cannot update 'final' object field 'name'
        self.avg = 2.0;
    }
}

class Customer {
    final string name;
    int id = 0;

    function init(string n) {
        self.name = n;
    }
}

public function main() {
    Student st = new ("Maryam");
    st.name = "Mary"; // @error cannot update 'final' object field 'name'
    st.avg = 3.0;
    Customer customer = new ("Jo");
    Student|Customer sd = customer;
    sd.name = "May"; // @error cannot update 'final' object field 'name'
    customer.id = 5;
}
