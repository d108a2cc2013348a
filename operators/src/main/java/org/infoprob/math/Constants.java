package org.infoprob.math;

/**
 * Mathematical constants used by the math classes and the operators, each defined once here.
 *
 * <pre>{@code
 * double bits = nats / Constants.LN_2;   // or Entropy.toBits(nats)
 * }</pre>
 */
public final class Constants {

    /**
     * {@code ln 2 = 0.693147180559945309417...}, rounded to the nearest double (the value of
     * {@code Math.log(2)}): the number of nats in a bit.
     */
    public static final double LN_2 = 0.6931471805599453;

    private Constants() {}
}
