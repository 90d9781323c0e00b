type Row record {|
    readonly int id;
|};

public function main() {
    table<Row> key(id) & readonly t = table [{id: 1}];
    t.add({id: 2}); // @panic {ballerina/lang.table}InvalidUpdate
}
