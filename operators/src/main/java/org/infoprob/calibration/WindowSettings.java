package org.infoprob.calibration;

import org.apache.flink.annotation.Internal;

import java.io.Serializable;

/**
 * The window of labelled examples a calibrator keeps per segment, and how often it refits
 * (the meaning of each setting is in the maths: {@code org.infoprob.math.TemperatureScaling}).
 *
 * @param capacity labelled examples kept, &gt;= 1
 * @param halfLife examples after which a weight halves, &gt; 0 ({@code Infinity}: no decay)
 * @param minExamples usable examples a fit needs, &gt;= 1
 * @param refitEvery labelled examples between two fits, &gt;= 1
 */
@Internal
record WindowSettings(int capacity, double halfLife, int minExamples, int refitEvery) implements Serializable {

    WindowSettings {
        if (capacity < 1) {
            throw new IllegalArgumentException("Capacity must be >= 1, was " + capacity);
        }
        if (!(halfLife > 0)) {
            throw new IllegalArgumentException("Half-life must be > 0 (in examples; Infinity for no decay), was " + halfLife);
        }
        if (minExamples < 1) {
            throw new IllegalArgumentException("Minimum examples must be >= 1, was " + minExamples);
        }
        if (refitEvery < 1) {
            throw new IllegalArgumentException("Refit interval must be >= 1 labelled example, was " + refitEvery);
        }
    }
}
