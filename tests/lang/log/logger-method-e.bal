import ballerina/log;

public function main() returns error? {
    log:Logger logger = check log:root().withContext(requestId = "r-1");
    logger.printTrace("no such level"); // @error undefined method 'printTrace' in object 'log:Logger'
}
