import ballerina/io;

public function main() {
    string header = "a@x.org, b@y.org,c@z.org";
    string[] parts = re `,\s*`.split(header);
    string[] domains = parts.map(p => p.substring((p.indexOf("@") ?: 0) + 1));
    io:println(string:'join(";", ...domains)); // @output x.org;y.org;z.org
}
