package dev.perfmon.core;

/**
 * Receives the segments a request scope has accumulated, without allocating a collection.
 */
@FunctionalInterface
public interface SegmentVisitor {

    /**
     * @param segment the segment
     * @param nanos total time recorded into it
     * @param count how many times it was recorded
     */
    void visit(Segment segment, long nanos, long count);
}
