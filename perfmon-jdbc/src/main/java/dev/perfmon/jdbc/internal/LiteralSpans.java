package dev.perfmon.jdbc.internal;

import java.util.Arrays;

/** The literals {@link SqlNormalizer} found in one text: where each starts and ends, and which are paging values. */
final class LiteralSpans {

    int[] starts = new int[8];
    int[] ends = new int[8];
    boolean[] paging = new boolean[8];
    int count;
    /** The analysis depends on the whole text (a cut fingerprint carries its hash), not only on its literals. */
    boolean wholeText;

    void add(int start, int end, boolean pagingValue) {
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
            paging = Arrays.copyOf(paging, count * 2);
        }
        starts[count] = start;
        ends[count] = end;
        paging[count] = pagingValue;
        count++;
    }

    void wholeText() {
        wholeText = true;
    }
}
