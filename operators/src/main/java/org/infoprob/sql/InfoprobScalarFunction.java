package org.infoprob.sql;

import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.GenericMapData;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.ScalarFunction;
import org.apache.flink.table.functions.SpecializedFunction;
import org.apache.flink.table.functions.UserDefinedFunction;
import org.apache.flink.table.types.DataType;
import org.infoprob.model.Reason;

import java.util.HashSet;
import java.util.List;

/**
 * What the infoprob scalar functions share: the rejection policy ({@link Rejections}), the
 * reading of score vectors of any numeric type, and reusable buffers, so that a row costs no
 * allocation beyond its result.
 *
 * <p>Flink specializes each call ({@link SpecializedFunction}): the copy it runs knows the
 * element type of its array or map argument and reads it with the matching {@link
 * NumericReader}, without a cast in the plan.
 *
 * <p>Maps are read in their own entry order, so ties go to the entry that comes first, as they
 * go to the lower position in an array and to the earlier class of a record in the DataStream
 * operators ({@link org.infoprob.math.Ranking}). A map built by {@code MAP_FROM_ARRAYS} or by
 * {@code MAP[...]} keeps the order it was written in; a map read by Flink's JSON format is a
 * hash map, whose order is not that of the JSON text.
 */
abstract class InfoprobScalarFunction extends ScalarFunction
        implements SpecializedFunction, Cloneable {

    private static final long serialVersionUID = 1L;

    private static final StringData EMPTY = StringData.fromString("");

    /** Up to this many keys, duplicates are found by comparing pairs; beyond, by hashing. */
    private static final int PAIRWISE_LIMIT = 8;

    private final String name;

    private NumericReader reader = NumericReader.DOUBLE;

    private transient Rejections rejections;
    private transient double[] values;
    private transient StringData[] names;
    private transient HashSet<StringData> seen;

    InfoprobScalarFunction(String name) {
        this.name = name;
    }

    @Override
    public void open(FunctionContext context) throws Exception {
        super.open(context);
        rejections = new Rejections(context, name);
        values = new double[16];
        names = new StringData[16];
    }

    /** A copy that reads the element type of this call's array or map argument. */
    @Override
    public UserDefinedFunction specialize(SpecializedContext context) {
        List<DataType> arguments = context.getCallContext().getArgumentDataTypes();
        if (arguments.isEmpty()
                || !(SqlTypeInference.isArray(arguments.get(0)) || SqlTypeInference.isMap(arguments.get(0)))) {
            return this;
        }
        try {
            InfoprobScalarFunction copy = (InfoprobScalarFunction) clone();
            copy.reader = SqlTypeInference.readerOf(arguments.get(0));
            return copy;
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    final <T> T reject(Reason reason) {
        return rejections.reject(reason);
    }

    final <T> T reject(IllegalArgumentException e) {
        return rejections.reject(e);
    }

    /** Rows this instance has rejected (returned NULL for) so far. */
    final long rejectedRows() {
        return rejections.total();
    }

    /** The buffer that {@link #readArray} and {@link #readMap} fill. */
    final double[] values() {
        return values;
    }

    /** The class names that {@link #readMap} fills, in the map's order. */
    final StringData[] names() {
        return names;
    }

    /**
     * Copies a numeric array into {@link #values()} as doubles; returns its length, or -1 after
     * rejecting an array that holds a NULL element ({@link Reason#MISSING_FIELD}).
     */
    final int readArray(ArrayData array) {
        int n = array.size();
        ensureCapacity(n);
        if (reader.read(array, n, values) >= 0) {
            reject(Reason.MISSING_FIELD);
            return -1;
        }
        return n;
    }

    /**
     * Copies a map of class name to number into {@link #names()} and {@link #values()}, in the
     * map's entry order; returns its size, or -1 after rejecting a NULL or empty class name
     * ({@link Reason#EMPTY_CLASS_NAME}), a class name that occurs twice (possible in a map made
     * by {@code MAP_FROM_ARRAYS}: {@link Reason#DUPLICATE_CLASS}) or a NULL value ({@link
     * Reason#MISSING_FIELD}).
     */
    final int readMap(MapData map) {
        int n = map.size();
        ensureCapacity(n);
        ArrayData keys = map.keyArray();
        for (int i = 0; i < n; i++) {
            StringData key = keys.isNullAt(i) ? null : keys.getString(i);
            if (key == null || EMPTY.equals(key)) {
                reject(Reason.EMPTY_CLASS_NAME);
                return -1;
            }
            names[i] = key;
        }
        // A GenericMapData wraps a java.util.Map, whose keys are distinct.
        if (!(map instanceof GenericMapData) && hasDuplicate(n)) {
            reject(Reason.DUPLICATE_CLASS);
            return -1;
        }
        if (reader.read(map.valueArray(), n, values) >= 0) {
            reject(Reason.MISSING_FIELD);
            return -1;
        }
        return n;
    }

    private boolean hasDuplicate(int n) {
        if (n <= PAIRWISE_LIMIT) {
            for (int i = 1; i < n; i++) {
                for (int j = 0; j < i; j++) {
                    if (names[i].equals(names[j])) {
                        return true;
                    }
                }
            }
            return false;
        }
        if (seen == null) {
            seen = new HashSet<>();
        }
        seen.clear();
        for (int i = 0; i < n; i++) {
            if (!seen.add(names[i])) {
                return true;
            }
        }
        return false;
    }

    private void ensureCapacity(int n) {
        if (values.length < n) {
            int capacity = Math.max(n, 2 * values.length);
            values = new double[capacity];
            names = new StringData[capacity];
        }
    }
}
