import vis.util;

public function main() {
    _ = util:hidden();
    _ = util:missing();
}

function helper() {
}
