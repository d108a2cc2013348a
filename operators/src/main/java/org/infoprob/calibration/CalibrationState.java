package org.infoprob.calibration;

import org.apache.flink.annotation.Internal;

/**
 * The small per-segment state of a calibration function: the parameters in use, the last fit's
 * outcome, and where the window's ring of labelled examples stands (the rows themselves are a
 * map state, {@link CalibrationExample} per slot, so that a score event reads only this and a
 * label writes one row). A Flink POJO: Flink's POJO serializer writes it (no Kryo) and adds or
 * drops fields on restore, so its class name and field names are part of the savepoint format.
 */
@Internal
public class CalibrationState {

    /** Temperature in use (temperature scaling). */
    public double temperature;
    /** Platt slope {@code a} in use. */
    public double slope;
    /** Platt intercept {@code b} in use. */
    public double intercept;
    /** Standard error of T or of {@code a} at the last fit that installed them; NaN before. */
    public double standardError = Double.NaN;
    /** The last fit's {@code FitStatus} name; null before the first fit. */
    public String fitStatus;
    /** Usable examples of the last fit. */
    public int examples;
    /** The ring slot written next. */
    public int next;
    /** Rows in the ring, at most the capacity. */
    public int size;
    /** Labelled examples since the last fit. */
    public int sinceFit;

    public CalibrationState() {}
}
