package org.infoprob.math;

import java.io.Serializable;

/**
 * The points of a reliability diagram from {@link CalibrationError#reliabilityDiagram()}: one
 * per non-empty equal-mass bin, in increasing confidence; the three arrays are parallel. A
 * calibrated model has {@code accuracy[b] ~= confidence[b]} (points on the diagonal).
 *
 * @param confidence mean confidence {@code max_i p[i]} of the events in each bin
 * @param accuracy fraction of those events whose top class was the true one
 * @param count events in each bin
 */
public record ReliabilityDiagram(double[] confidence, double[] accuracy, long[] count)
        implements Serializable {}
