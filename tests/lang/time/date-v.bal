import ballerina/io;
import ballerina/time;

// dateValidate applies the Gregorian calendar's rules; dayOfWeek counts from Sunday = 0.
public function main() {
    time:Date leap = {year: 2024, month: 2, day: 29};
    io:println(time:dateValidate(leap) is ()); // @output true
    time:Error? notLeap = time:dateValidate({year: 2023, month: 2, day: 29});
    if notLeap is time:Error {
        io:println(notLeap.message()); // @output Invalid date 'February 29' as '2023' is not a leap year
    }
    time:Error? april = time:dateValidate({year: 2023, month: 4, day: 31});
    if april is time:Error {
        io:println(april.message()); // @output Invalid date 'APRIL 31'
    }
    time:DayOfWeek day = time:dayOfWeek({year: 1994, month: 11, day: 7});
    io:println(day, " ", day == time:MONDAY); // @output 1 true
    io:println(time:dayOfWeek(leap) == time:THURSDAY); // @output true
}
