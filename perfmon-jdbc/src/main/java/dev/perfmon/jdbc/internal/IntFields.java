package dev.perfmon.jdbc.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/** The {@link VarHandle} of an {@code int} field, for the fields read and written with memory-ordering modes. */
public final class IntFields {

    private IntFields() {
    }

    /**
     * @param lookup the owning class's {@code MethodHandles.lookup()}, which may reach its private fields
     * @param name the field's name
     * @return the field's handle; a missing field fails the owner's class initialization
     */
    public static VarHandle handle(MethodHandles.Lookup lookup, String name) {
        try {
            return lookup.findVarHandle(lookup.lookupClass(), name, int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
