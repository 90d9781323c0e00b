int connections = 0;

function connect() returns error? {
    if connections > 0 {
        return error("already connected");
    }
    connections += 1;
}
