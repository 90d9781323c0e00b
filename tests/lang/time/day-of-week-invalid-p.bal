import ballerina/io;
import ballerina/time;

public function main() {
    io:println("start"); // @output start
    time:DayOfWeek day = time:dayOfWeek({year: 2023, month: 2, day: 30}); // @panic Invalid date 'FEBRUARY 30'
    io:println(day);
}
