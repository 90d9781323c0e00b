// Without an `else`, the path where the condition is false leaves `folder` unassigned.
function folderFor(boolean urgent) returns string {
    string folder;
    if urgent {
        folder = "Urgent";
    }
    return folder; // @error variable 'folder' may not have been initialized
}

public function main() {
    _ = folderFor(true);
}
