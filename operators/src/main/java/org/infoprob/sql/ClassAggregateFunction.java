package org.infoprob.sql;

import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.functions.AggregateFunction;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.TypeInference;
import org.infoprob.math.EventScores;
import org.infoprob.math.InformationScorer;
import org.infoprob.math.Smoothing;
import org.infoprob.model.Reason;

import java.util.Optional;

import static org.infoprob.sql.SqlTypeInference.CLASS_NAME;
import static org.infoprob.sql.SqlTypeInference.DURATION;
import static org.infoprob.sql.SqlTypeInference.TIME;
import static org.infoprob.sql.SqlTypeInference.argument;

/**
 * What the class-counting aggregates share: the accumulator, the class limit, the admission of
 * a row's class with its rejection policy ({@link Rejections}), the scoring of a row through
 * {@link InformationScorer} (the one scorer of the library, also behind the DataStream
 * information operators), and the type inference: a class of any character type (CHAR,
 * VARCHAR, STRING), then optional parameters (numbers of any numeric type, a smoothing name of
 * any character type), taken as they are ({@link SqlTypeInference}).
 */
abstract class ClassAggregateFunction<T> extends AggregateFunction<T, ClassCountAccumulator> {

    private static final long serialVersionUID = 1L;

    /** {@link #admit} result for a row that must not be counted. */
    static final int SKIP = Integer.MIN_VALUE;

    private final String name;
    private final int maxClasses;
    private final DataType resultType;

    private transient Rejections rejections;
    /** The scorer of the settings used last (rows rarely change them), and its scratch. */
    private transient InformationScorer scorer;
    private transient String scorerSmoothing;
    private transient double scorerAlpha;
    private transient double scorerTemperature;
    private transient EventScores scores;

    /**
     * @param resultType the SQL type of {@code getValue}'s result
     */
    ClassAggregateFunction(String name, int maxClasses, DataType resultType) {
        if (maxClasses < 1) {
            throw new IllegalArgumentException("maxClasses must be >= 1, was " + maxClasses);
        }
        this.name = name;
        this.maxClasses = maxClasses;
        this.resultType = resultType;
    }

    /** The optional arguments after the class, in order; none by default. */
    SqlTypeInference.Argument[] optionalArguments() {
        return new SqlTypeInference.Argument[0];
    }

    /**
     * Whether the function also takes {@code (class, time, half_life, ...)} with the optional
     * arguments after the half-life; such calls get a {@link DecayingClassCountAccumulator}.
     */
    boolean decays() {
        return false;
    }

    @Override
    public TypeInference getTypeInference(DataTypeFactory typeFactory) {
        SqlTypeInference.Argument[] optionalArguments = optionalArguments();
        SqlTypeInference.Argument[] arguments = new SqlTypeInference.Argument[1 + optionalArguments.length];
        arguments[0] = argument("class", CLASS_NAME);
        System.arraycopy(optionalArguments, 0, arguments, 1, optionalArguments.length);
        DataType counts = typeFactory.createDataType(ClassCountAccumulator.class);
        if (!decays()) {
            return SqlTypeInference.aggregate(1, arguments, counts, resultType);
        }
        SqlTypeInference.Argument[] timed = new SqlTypeInference.Argument[3 + optionalArguments.length];
        timed[0] = arguments[0];
        timed[1] = argument("time", TIME);
        timed[2] = argument("half_life", DURATION);
        System.arraycopy(optionalArguments, 0, timed, 3, optionalArguments.length);
        DataType decaying = typeFactory.createDataType(DecayingClassCountAccumulator.class);
        return SqlTypeInference.aggregate(
                SqlTypeInference.either(
                        SqlTypeInference.optionalTail(1, arguments), SqlTypeInference.optionalTail(3, timed)),
                context -> Optional.of(SqlTypeInference.isTime(context, 1) ? decaying : counts),
                resultType);
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
     * index in {@code acc} (-1 for a class not counted yet), or {@link #SKIP} for a NULL class (not counted as a
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

    /**
     * The scores of a row of the class at {@code index} (from {@link #admit}) against the counts
     * before it, by {@link InformationScorer} with the row's settings; the result is scratch,
     * valid until the next call.
     *
     * @throws IllegalArgumentException for a smoothing, {@code a} or {@code T} the scorer does
     *     not accept (the caller rejects the row as {@code OUT_OF_RANGE})
     */
    final EventScores score(
            ClassCountAccumulator acc, int index, String smoothing, double alpha, double temperature) {
        if (scorer == null
                || !smoothing.equals(scorerSmoothing)
                || Double.compare(alpha, scorerAlpha) != 0
                || Double.compare(temperature, scorerTemperature) != 0) {
            scorer = InformationScorer.of(Smoothing.parse(smoothing), alpha, temperature);
            scorerSmoothing = smoothing;
            scorerAlpha = alpha;
            scorerTemperature = temperature;
            scores = new EventScores();
        }
        acc.score(scorer, index, scores);
        return scores;
    }

    /** Takes one observation of {@code cls} back out (bounded OVER windows, retractions). */
    final void retractClass(ClassCountAccumulator acc, String cls) {
        if (cls != null) {
            acc.removeOne(cls);
        }
    }

    final void reject(Reason reason) {
        rejections.reject(reason);
    }

    final void reject(IllegalArgumentException e) {
        rejections.reject(e);
    }

    /** Rows this instance has rejected so far. */
    final long rejectedRows() {
        return rejections.total();
    }
}
