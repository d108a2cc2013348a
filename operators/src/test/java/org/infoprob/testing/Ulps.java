package org.infoprob.testing;

import org.assertj.core.data.Offset;

/** Tolerances in units in the last place of the expected value. */
public final class Ulps {

    private Ulps() {}

    /** Within {@code n} ulp of {@code expected}. */
    public static Offset<Double> ulps(int n, double expected) {
        return Offset.offset(n * Math.ulp(expected));
    }
}
