package org.infoprob.sql;

import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.functions.AggregateFunction;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.TypeInference;
import org.infoprob.model.Reason;

import static org.infoprob.sql.SqlTypeInference.CLASS_NAME;
import static org.infoprob.sql.SqlTypeInference.NUMBER;
import static org.infoprob.sql.SqlTypeInference.argument;

/**
 * What the class-counting aggregates share: the accumulator, the class limit, the admission of
 * a row's class with its rejection policy ({@link Rejections}), and the type inference: a class
 * of any character type (CHAR, VARCHAR, STRING), then optional numeric parameters of any
 * numeric type, taken as they are ({@link SqlTypeInference}).
 */
abstract class ClassAggregateFunction<T> extends AggregateFunction<T, ClassCountAccumulator> {

    private static final long serialVersionUID = 1L;

    /** {@link #admit} result for a row that must not be counted. */
    static final int SKIP = Integer.MIN_VALUE;

    private final String name;
    private final int maxClasses;
    private final DataType resultType;
    private final String[] numericArguments;

    private transient Rejections rejections;

    /**
     * @param resultType the SQL type of {@code getValue}'s result
     * @param numericArguments the names of the optional numeric arguments after the class
     */
    ClassAggregateFunction(String name, int maxClasses, DataType resultType, String... numericArguments) {
        if (maxClasses < 1) {
            throw new IllegalArgumentException("maxClasses must be >= 1, was " + maxClasses);
        }
        this.name = name;
        this.maxClasses = maxClasses;
        this.resultType = resultType;
        this.numericArguments = numericArguments;
    }

    @Override
    public TypeInference getTypeInference(DataTypeFactory typeFactory) {
        SqlTypeInference.Argument[] arguments = new SqlTypeInference.Argument[1 + numericArguments.length];
        arguments[0] = argument("class", CLASS_NAME);
        for (int i = 0; i < numericArguments.length; i++) {
            arguments[i + 1] = argument(numericArguments[i], NUMBER);
        }
        return SqlTypeInference.aggregate(
                1, arguments, typeFactory.createDataType(ClassCountAccumulator.class), resultType);
    }

    @Override
    public void open(FunctionContext context) throws Exception {
        super.open(context);
        rejections = new Rejections(context, name);
    }

    @Override
    public ClassCountAccumulator createAccumulator() {
        return new ClassCountAccumulator();
    }

    /**
     * Clears the result of the previous row and checks the row's class. Returns the class's
     * index in {@code acc} (or its encoded insertion point, as {@link
     * ClassCountAccumulator#indexOf}), or {@link #SKIP} for a NULL class (not counted as a
     * rejection) and for a rejected row: an empty class name ({@code EMPTY_CLASS_NAME}), or a
     * new class when the group already holds {@code maxClasses} classes ({@code
     * TOO_MANY_CLASSES}).
     */
    final int admit(ClassCountAccumulator acc, String cls) {
        acc.result = null;
        if (cls == null) {
            return SKIP;
        }
        if (cls.isEmpty()) {
            rejections.reject(Reason.EMPTY_CLASS_NAME);
            return SKIP;
        }
        int index = acc.indexOf(cls);
        if (index < 0 && acc.distinct() >= maxClasses) {
            rejections.reject(Reason.TOO_MANY_CLASSES);
            return SKIP;
        }
        return index;
    }

    /** Takes one observation of {@code cls} back out (bounded OVER windows, retractions). */
    final void retractClass(ClassCountAccumulator acc, String cls) {
        if (cls != null) {
            acc.removeOne(cls);
        }
    }

    final void reject(IllegalArgumentException e) {
        rejections.reject(e);
    }

    /** Rows this instance has rejected so far. */
    final long rejectedRows() {
        return rejections.total();
    }
}
