function hidden() returns int => 1;
