package org.infoprob.sql;

import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericMapData;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.functions.FunctionContext;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Flink's internal data for calling the functions directly, as the planner passes it: arrays
 * ({@link GenericArrayData}), maps from a {@code java.util.Map} ({@link GenericMapData}, in
 * insertion order here) and maps from two arrays (as {@code MAP_FROM_ARRAYS} makes them, keys
 * possibly repeated), and the results read back.
 */
final class SqlData {

    private SqlData() {}

    /** Opens {@code function} outside a job: an unregistered metric group, counts still kept. */
    static <F extends InfoprobScalarFunction> F opened(F function) throws Exception {
        function.open(new FunctionContext(null));
        return function;
    }

    /** Opens an aggregate function outside a job, as {@link #opened(InfoprobScalarFunction)}. */
    static <F extends ClassAggregateFunction<?>> F opened(F function) throws Exception {
        function.open(new FunctionContext(null));
        return function;
    }

    /** An {@code ARRAY<DOUBLE>} with nullable elements. */
    static ArrayData array(Double... values) {
        return new GenericArrayData(values);
    }

    /** An {@code ARRAY<DOUBLE NOT NULL>}. */
    static ArrayData primitive(double... values) {
        return new GenericArrayData(values);
    }

    /** A map of name, value, name, value, ... in this order (names may be NULL). */
    static MapData map(Object... nameValue) {
        Map<Object, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            m.put(string((String) nameValue[i]), nameValue[i + 1]);
        }
        return new GenericMapData(m);
    }

    /** A map of two parallel arrays, as {@code MAP_FROM_ARRAYS} makes it: repeated names stay. */
    static MapData pairs(String[] names, double[] values) {
        StringData[] keys = new StringData[names.length];
        for (int i = 0; i < names.length; i++) {
            keys[i] = string(names[i]);
        }
        return new ArraysMap(new GenericArrayData(keys), new GenericArrayData(values));
    }

    /** The doubles of a function's array result, or null. */
    static double[] doubles(ArrayData array) {
        return array == null ? null : array.toDoubleArray();
    }

    /** The ints of a function's array result, or null. */
    static int[] ints(ArrayData array) {
        return array == null ? null : array.toIntArray();
    }

    /** The strings of a function's array result, or null. */
    static String[] strings(ArrayData array) {
        if (array == null) {
            return null;
        }
        String[] out = new String[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.getString(i).toString();
        }
        return out;
    }

    /** A function's map result as name -> value in the map's order, or null. */
    static Map<String, Double> entries(MapData map) {
        if (map == null) {
            return null;
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < map.size(); i++) {
            out.put(map.keyArray().getString(i).toString(), map.valueArray().getDouble(i));
        }
        return out;
    }

    private static StringData string(String s) {
        return s == null ? null : StringData.fromString(s);
    }

    /** A map of a key and a value array, like the one {@code MAP_FROM_ARRAYS} returns. */
    private static final class ArraysMap implements MapData {
        private final ArrayData keys;
        private final ArrayData values;

        ArraysMap(ArrayData keys, ArrayData values) {
            this.keys = keys;
            this.values = values;
        }

        @Override
        public int size() {
            return keys.size();
        }

        @Override
        public ArrayData keyArray() {
            return keys;
        }

        @Override
        public ArrayData valueArray() {
            return values;
        }
    }
}
