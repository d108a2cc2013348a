package org.infoprob.sql;

import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.utils.LogicalTypeChecks;

import java.io.Serializable;

/**
 * Reads the elements of an SQL array of one numeric type (TINYINT, SMALLINT, INT, BIGINT,
 * FLOAT, DOUBLE or DECIMAL) as doubles, so that the functions take the arrays and maps users
 * have without a planner cast. Chosen per call site from the argument's element type when
 * Flink specializes the function ({@link InfoprobScalarFunction#specialize}).
 *
 * <p>Conversions are those of SQL {@code CAST(x AS DOUBLE)}: exact for the integer types up to
 * 2^53 and for FLOAT; the nearest double for BIGINT beyond 2^53 and for DECIMAL. A DECIMAL of
 * precision up to 15 is read from its unscaled long without allocating: both the unscaled value
 * (below 10^15 < 2^53) and 10^scale are exact doubles, so their quotient is the correctly
 * rounded double of the decimal, as {@link java.math.BigDecimal#doubleValue()} gives it.
 */
final class NumericReader implements Serializable {

    private static final long serialVersionUID = 1L;

    /** DOUBLE elements: the reader of a function that Flink has not specialized. */
    static final NumericReader DOUBLE = new NumericReader(Kind.DOUBLE, 0, 0);

    private static final int COMPACT_PRECISION = 15;

    private static final double[] POWERS_OF_TEN = new double[COMPACT_PRECISION + 1];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private enum Kind {
        TINYINT,
        SMALLINT,
        INTEGER,
        BIGINT,
        FLOAT,
        DOUBLE,
        DECIMAL
    }

    private final Kind kind;
    private final int precision;
    private final int scale;

    private NumericReader(Kind kind, int precision, int scale) {
        this.kind = kind;
        this.precision = precision;
        this.scale = scale;
    }

    /**
     * The reader for elements of {@code type}.
     *
     * @throws IllegalArgumentException if {@code type} is not numeric (the type inference lets
     *     no other type through)
     */
    static NumericReader of(LogicalType type) {
        switch (type.getTypeRoot()) {
            case TINYINT:
                return new NumericReader(Kind.TINYINT, 0, 0);
            case SMALLINT:
                return new NumericReader(Kind.SMALLINT, 0, 0);
            case INTEGER:
                return new NumericReader(Kind.INTEGER, 0, 0);
            case BIGINT:
                return new NumericReader(Kind.BIGINT, 0, 0);
            case FLOAT:
                return new NumericReader(Kind.FLOAT, 0, 0);
            case DOUBLE:
                return DOUBLE;
            case DECIMAL:
                return new NumericReader(
                        Kind.DECIMAL,
                        LogicalTypeChecks.getPrecision(type),
                        LogicalTypeChecks.getScale(type));
            default:
                throw new IllegalArgumentException("Not a numeric type: " + type);
        }
    }

    /**
     * Copies the first {@code n} elements of {@code array} into {@code out[0..n)}. Returns -1,
     * or the position of the first NULL element (the elements before it are copied).
     */
    int read(ArrayData array, int n, double[] out) {
        // One switch per array, a tight loop per type.
        switch (kind) {
            case DOUBLE:
                for (int i = 0; i < n; i++) {
                    if (array.isNullAt(i)) {
                        return i;
                    }
                    out[i] = array.getDouble(i);
                }
                return -1;
            case FLOAT:
                for (int i = 0; i < n; i++) {
                    if (array.isNullAt(i)) {
                        return i;
                    }
                    out[i] = array.getFloat(i);
                }
                return -1;
            case INTEGER:
                for (int i = 0; i < n; i++) {
                    if (array.isNullAt(i)) {
                        return i;
                    }
                    out[i] = array.getInt(i);
                }
                return -1;
            case BIGINT:
                for (int i = 0; i < n; i++) {
                    if (array.isNullAt(i)) {
                        return i;
                    }
                    out[i] = array.getLong(i);
                }
                return -1;
            case SMALLINT:
                for (int i = 0; i < n; i++) {
                    if (array.isNullAt(i)) {
                        return i;
                    }
                    out[i] = array.getShort(i);
                }
                return -1;
            case TINYINT:
                for (int i = 0; i < n; i++) {
                    if (array.isNullAt(i)) {
                        return i;
                    }
                    out[i] = array.getByte(i);
                }
                return -1;
            case DECIMAL:
                for (int i = 0; i < n; i++) {
                    if (array.isNullAt(i)) {
                        return i;
                    }
                    out[i] = decimal(array.getDecimal(i, precision, scale));
                }
                return -1;
            default:
                throw new IllegalStateException("Unknown kind " + kind);
        }
    }

    private double decimal(DecimalData d) {
        if (precision <= COMPACT_PRECISION) {
            return d.toUnscaledLong() / POWERS_OF_TEN[scale];
        }
        return d.toBigDecimal().doubleValue();
    }

    @Override
    public String toString() {
        return kind == Kind.DECIMAL ? "DECIMAL(" + precision + ", " + scale + ")" : kind.name();
    }
}
