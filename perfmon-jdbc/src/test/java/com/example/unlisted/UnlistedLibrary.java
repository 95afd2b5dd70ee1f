package com.example.unlisted;

import java.util.function.Supplier;

/** Stands for a library perfmon does not list: its frames sit between the application and the walk. */
public final class UnlistedLibrary {

    private UnlistedLibrary() {
    }

    public static String call(Supplier<String> work) {
        return work.get();
    }
}
