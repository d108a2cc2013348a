package org.infoprob.sql;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.functions.AggregateFunction;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.SpecializedFunction;
import org.apache.flink.table.functions.UserDefinedFunction;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.TypeInference;
import org.infoprob.model.Reason;

import java.util.Arrays;
import java.util.List;

import static org.infoprob.sql.SqlTypeInference.LABEL;
import static org.infoprob.sql.SqlTypeInference.SCORES;
import static org.infoprob.sql.SqlTypeInference.argument;

/**
 * What the calibration metric aggregates share ({@link LogLossAggregateFunction}, {@link
 * BrierAggregateFunction}, {@link EceAggregateFunction}): a row is a prediction and its true
 * class, {@code (ARRAY<numeric>, position)} with the 1-based position of the true class (SQL
 * array indexing, as {@code ARGMAX}) or {@code (MAP<STRING, numeric>, class name)}; the row goes
 * to the math accumulator of the subclass; merge is exact, so the functions work in every
 * GROUP BY and window, session windows and two-phase aggregation included. Public only so that
 * Flink finds the inherited {@code accumulate} and {@code merge} methods on the public
 * subclasses; not meant to be extended elsewhere.
 *
 * <p>NULL arguments: the row is ignored, not counted. Rejected rows are ignored and counted
 * under the function's metric group ({@link Rejections}): a NULL element ({@code
 * MISSING_FIELD}), a NaN probability ({@code NON_FINITE_SCORE}), a probability outside {@code
 * [0, 1]} or a position outside the array or not an integer ({@code OUT_OF_RANGE}), a class
 * not among the map's keys ({@code UNKNOWN_CLASS}). A group without a row gives NULL.
 */
@Internal
public abstract class CalibrationMetricAggregateFunction extends AggregateFunction<Double, CalibrationAccumulator>
        implements SpecializedFunction, Cloneable {

    private static final long serialVersionUID = 1L;

    private final String name;
    private NumericReader reader = NumericReader.DOUBLE;

    private transient Rejections rejections;
    private transient double[] buffer;

    CalibrationMetricAggregateFunction(String name) {
        this.name = name;
    }

    /** The optional arguments after the prediction and its label; none by default. */
    SqlTypeInference.Argument[] optionalArguments() {
        return new SqlTypeInference.Argument[0];
    }

    @Override
    public TypeInference getTypeInference(DataTypeFactory typeFactory) {
        SqlTypeInference.Argument[] optional = optionalArguments();
        SqlTypeInference.Argument[] arguments = new SqlTypeInference.Argument[2 + optional.length];
        arguments[0] = argument("probabilities", SCORES);
        arguments[1] = argument("label", LABEL);
        System.arraycopy(optional, 0, arguments, 2, optional.length);
        return SqlTypeInference.aggregate(
                2, arguments, typeFactory.createDataType(CalibrationAccumulator.class), SqlTypeInference.DOUBLE);
    }

    /** A copy that reads the element type of this call's array or map. */
    @Override
    public UserDefinedFunction specialize(SpecializedContext context) {
        List<DataType> arguments = context.getCallContext().getArgumentDataTypes();
        if (arguments.isEmpty()
                || !(SqlTypeInference.isArray(arguments.get(0)) || SqlTypeInference.isMap(arguments.get(0)))) {
            return this;
        }
        try {
            CalibrationMetricAggregateFunction copy = (CalibrationMetricAggregateFunction) clone();
            copy.reader = SqlTypeInference.readerOf(arguments.get(0));
            return copy;
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void open(FunctionContext context) throws Exception {
        super.open(context);
        rejections = new Rejections(context, name);
        buffer = new double[16];
    }

    @Override
    public CalibrationAccumulator createAccumulator() {
        return new CalibrationAccumulator();
    }

    /** Adds a prediction whose true class is at 1-based {@code position}. */
    public void accumulate(CalibrationAccumulator acc, ArrayData probabilities, Number position) {
        addRow(acc, probabilities, position, null);
    }

    /** Adds a prediction whose true class is {@code label}. */
    public void accumulate(CalibrationAccumulator acc, MapData probabilities, String label) {
        addRow(acc, probabilities, label, null);
    }

    /** Adds a row of an array; {@code option} is the optional third argument, or null. */
    final void addRow(CalibrationAccumulator acc, ArrayData probabilities, Number position, Number option) {
        if (probabilities == null || position == null) {
            return;
        }
        int n = read(probabilities);
        if (n < 0) {
            return;
        }
        double p = position.doubleValue();
        if (p != Math.rint(p) || p < 1 || p > n) {
            rejections.reject(Reason.OUT_OF_RANGE);
            return;
        }
        add(acc, Arrays.copyOf(buffer, n), (int) p - 1, option);
    }

    /** Adds a row of a map; {@code option} is the optional third argument, or null. */
    final void addRow(CalibrationAccumulator acc, MapData probabilities, String label, Number option) {
        if (probabilities == null || label == null) {
            return;
        }
        int n = probabilities.size();
        ArrayData keys = probabilities.keyArray();
        StringData wanted = StringData.fromString(label);
        int index = -1;
        for (int i = 0; i < n && index < 0; i++) {
            if (!keys.isNullAt(i) && wanted.equals(keys.getString(i))) {
                index = i;
            }
        }
        if (index < 0) {
            rejections.reject(Reason.UNKNOWN_CLASS);
            return;
        }
        if (read(probabilities.valueArray()) >= 0) {
            add(acc, Arrays.copyOf(buffer, n), index, option);
        }
    }

    /** Adds the accumulators of partial groups. */
    public void merge(CalibrationAccumulator acc, Iterable<CalibrationAccumulator> others) {
        for (CalibrationAccumulator other : others) {
            combine(acc, other);
        }
    }

    /** Copies a numeric array into the buffer; its length, or -1 after rejecting a NULL element. */
    private int read(ArrayData array) {
        int n = array.size();
        if (buffer.length < n) {
            buffer = new double[Math.max(n, 2 * buffer.length)];
        }
        if (reader.read(array, n, buffer) >= 0) {
            rejections.reject(Reason.MISSING_FIELD);
            return -1;
        }
        return n;
    }

    private void add(CalibrationAccumulator acc, double[] probabilities, int label, Number option) {
        try {
            accept(acc, probabilities, label, option);
        } catch (IllegalArgumentException invalid) {
            rejections.reject(invalid);
        }
    }

    /**
     * Adds one prediction to {@code acc} by the math accumulator, which checks it first and
     * changes nothing when it throws.
     *
     * @param option the optional third argument, or null
     * @throws IllegalArgumentException for probabilities or an option the row cannot have
     */
    abstract void accept(CalibrationAccumulator acc, double[] probabilities, int label, Number option);

    /** Adds {@code other} into {@code acc}. */
    abstract void combine(CalibrationAccumulator acc, CalibrationAccumulator other);

    /** Rows this instance has rejected so far. */
    final long rejectedRows() {
        return rejections.total();
    }
}
