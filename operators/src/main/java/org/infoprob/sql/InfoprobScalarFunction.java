package org.infoprob.sql;

import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.ScalarFunction;
import org.infoprob.model.Reason;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * What the infoprob scalar functions share: the rejection policy ({@link Rejections}) and
 * reusable buffers, so that a row costs no allocation beyond its result.
 *
 * <p>Map arguments are read in ascending class-name order. That makes ties in {@code ARGMAX}
 * and {@code TOP_K} go to the smaller name, and makes every result independent of the map's
 * iteration order, bit for bit.
 */
abstract class InfoprobScalarFunction extends ScalarFunction {

    private static final long serialVersionUID = 1L;

    private final String name;

    private transient Rejections rejections;
    private transient double[] values;
    private transient String[] names;

    InfoprobScalarFunction(String name) {
        this.name = name;
    }

    @Override
    public void open(FunctionContext context) throws Exception {
        super.open(context);
        rejections = new Rejections(context, name);
        values = new double[16];
        names = new String[16];
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

    /** The class names that {@link #readMap} fills, in ascending order. */
    final String[] names() {
        return names;
    }

    /**
     * Copies an {@code ARRAY<DOUBLE>} into {@link #values()}; returns its length, or -1 after
     * rejecting an array that holds a NULL element ({@link Reason#MISSING_FIELD}).
     */
    final int readArray(ArrayData array) {
        int n = array.size();
        ensureCapacity(n);
        for (int i = 0; i < n; i++) {
            if (array.isNullAt(i)) {
                reject(Reason.MISSING_FIELD);
                return -1;
            }
            values[i] = array.getDouble(i);
        }
        return n;
    }

    /**
     * Copies a {@code MAP<STRING, DOUBLE>} into {@link #names()} (ascending) and {@link
     * #values()}; returns its size, or -1 after rejecting a NULL or empty class name ({@link
     * Reason#EMPTY_CLASS_NAME}) or a NULL value ({@link Reason#MISSING_FIELD}).
     */
    final int readMap(Map<String, Double> map) {
        int n = map.size();
        ensureCapacity(n);
        int i = 0;
        for (Map.Entry<String, Double> e : map.entrySet()) {
            String key = e.getKey();
            if (key == null || key.isEmpty()) {
                reject(Reason.EMPTY_CLASS_NAME);
                return -1;
            }
            if (e.getValue() == null) {
                reject(Reason.MISSING_FIELD);
                return -1;
            }
            names[i++] = key;
        }
        Arrays.sort(names, 0, n);
        for (i = 0; i < n; i++) {
            values[i] = map.get(names[i]);
        }
        return n;
    }

    /** A new map of the first {@code n} names to the first {@code n} values. */
    static Map<String, Double> toMap(String[] names, double[] values, int n) {
        Map<String, Double> out = new HashMap<>((int) (n / 0.75f) + 1);
        for (int i = 0; i < n; i++) {
            out.put(names[i], values[i]);
        }
        return out;
    }

    private void ensureCapacity(int n) {
        if (values.length < n) {
            int capacity = Math.max(n, 2 * values.length);
            values = new double[capacity];
            names = new String[capacity];
        }
    }
}
