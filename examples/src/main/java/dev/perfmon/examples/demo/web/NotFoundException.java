package dev.perfmon.examples.demo.web;

/** Thrown for an id that does not exist; the servlets answer 404. */
public final class NotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param what what was not found, such as {@code post 42} */
    public NotFoundException(String what) {
        super(what + " not found", null, false, false);
    }
}
