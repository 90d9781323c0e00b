import ballerina/io;

// Loops nested deeper than CPython allows blocks in one function (20): the statements past that depth
// run as separately compiled code, with the same result.
public function main() {
    int count = 0;
    foreach int i0 in 0 ..< 1 {
        while false {
        }
        foreach int i1 in 0 ..< 1 {
            while false {
            }
            foreach int i2 in 0 ..< 1 {
                while false {
                }
                foreach int i3 in 0 ..< 1 {
                    while false {
                    }
                    foreach int i4 in 0 ..< 1 {
                        while false {
                        }
                        foreach int i5 in 0 ..< 1 {
                            while false {
                            }
                            foreach int i6 in 0 ..< 1 {
                                while false {
                                }
                                foreach int i7 in 0 ..< 1 {
                                    while false {
                                    }
                                    foreach int i8 in 0 ..< 1 {
                                        while false {
                                        }
                                        foreach int i9 in 0 ..< 1 {
                                            while false {
                                            }
                                            foreach int i10 in 0 ..< 1 {
                                                while false {
                                                }
                                                foreach int i11 in 0 ..< 1 {
                                                    while false {
                                                    }
                                                    foreach int i12 in 0 ..< 1 {
                                                        while false {
                                                        }
                                                        foreach int i13 in 0 ..< 1 {
                                                            while false {
                                                            }
                                                            foreach int i14 in 0 ..< 1 {
                                                                while false {
                                                                }
                                                                foreach int i15 in 0 ..< 1 {
                                                                    while false {
                                                                    }
                                                                    foreach int i16 in 0 ..< 1 {
                                                                        while false {
                                                                        }
                                                                        foreach int i17 in 0 ..< 1 {
                                                                            while false {
                                                                            }
                                                                            foreach int i18 in 0 ..< 1 {
                                                                                while false {
                                                                                }
                                                                                foreach int i19 in 0 ..< 1 {
                                                                                    while false {
                                                                                    }
                                                                                    foreach int i20 in 0 ..< 1 {
                                                                                        while false {
                                                                                        }
                                                                                        foreach int i21 in 0 ..< 1 {
                                                                                            while false {
                                                                                            }
                                                                                            foreach int i22 in 0 ..< 1 {
                                                                                                while false {
                                                                                                }
                                                                                                foreach int i23 in 0 ..< 1 {
                                                                                                    while false {
                                                                                                    }
                                                                                                    count += 1;
                                                                                                }
                                                                                            }
                                                                                        }
                                                                                    }
                                                                                }
                                                                            }
                                                                        }
                                                                    }
                                                                }
                                                            }
                                                        }
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    io:println(count); // @output 1
}
