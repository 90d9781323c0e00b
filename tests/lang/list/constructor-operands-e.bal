// A list constructor compared or added without a list type expected has the tuple type inferred for it.
public function main() {
    boolean same = [1, 2] == [1, 2];
    boolean before = [1, 2] < [1, 2, 3];
    boolean mixed = [1, 0.5] == [1, 2]; // @error operator '==' not defined for '[int,float]' and '[int,int]'
    boolean sorted = ["a", 1] < [1, 2]; // @error operator '<' not defined for '[string,int]' and '[int,int]'
    var joined = [1] + [2]; // @error operator '+' not defined for '[int]' and '[int]'
    _ = same;
    _ = before;
    _ = mixed;
    _ = sorted;
    _ = joined;
}
