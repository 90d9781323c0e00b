import shop.util;

function greeting() returns string => "hello";

function describe(util:Item item) returns string => string `item ${item.name}`;
