configurable int count = 3;
