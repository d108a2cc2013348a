package org.infoprob.sql;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.functions.FunctionDefinition;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.ArgumentTypeStrategy;
import org.apache.flink.table.types.inference.CallContext;
import org.apache.flink.table.types.inference.InputTypeStrategies;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.Signature;
import org.apache.flink.table.types.inference.TypeInference;
import org.apache.flink.table.types.inference.TypeStrategies;
import org.apache.flink.table.types.inference.TypeStrategy;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeFamily;
import org.apache.flink.table.types.logical.LocalZonedTimestampType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.logical.TimestampType;
import org.apache.flink.table.types.utils.TypeConversions;

import java.util.Arrays;
import java.util.Optional;

/**
 * The argument and result types of the infoprob SQL functions, as Flink type inference.
 *
 * <p>Every argument is taken with the type the caller has: a numeric parameter accepts TINYINT,
 * SMALLINT, INT, BIGINT, FLOAT, DOUBLE and DECIMAL (literals such as {@code 2} and {@code 2.0}
 * included), a score vector accepts {@code ARRAY<numeric>} and {@code MAP<CHAR/VARCHAR,
 * numeric>} with nullable or NOT NULL elements, a class accepts CHAR and VARCHAR. The expected
 * type of an argument is its actual type, so the planner inserts no cast: with an implicit cast
 * to the declared type, a call inside {@code ROW(...)} under {@code UNNEST} planned and then
 * failed in Flink 2.3's code generation ("Mismatch of function's argument data type"). The
 * functions convert to double themselves: {@link NumericReader} for arrays and maps, {@link
 * Number#doubleValue()} for a scalar (the default conversion class of every numeric type is a
 * {@link Number}).
 *
 * <p>An event time is a {@code TIMESTAMP_LTZ(p)} or {@code TIMESTAMP(p)} (a rowtime attribute
 * included), read as {@link TimestampData}, whose {@link TimestampData#getMillisecond()} is the
 * epoch millisecond (for {@code TIMESTAMP}, of the wall-clock time read as UTC). A half-life is
 * an {@code INTERVAL DAY TO SECOND} ({@code INTERVAL '1' HOUR}), read as its milliseconds.
 *
 * <p>Every result type is nullable, elements and map values included: a rejected row is NULL,
 * and an element type declared NOT NULL would make {@code SOFTMAX(bad)[1]} read a primitive
 * default (-1.0, '') instead of NULL.
 */
final class SqlTypeInference {

    /** A number of any SQL numeric type, as its boxed default conversion class. */
    static final ArgumentTypeStrategy NUMBER = new NumberArgument();

    /** {@code ARRAY<numeric>} as {@link ArrayData} or {@code MAP<string, numeric>} as {@link MapData}. */
    static final ArgumentTypeStrategy SCORES = new ScoresArgument();

    /** A class name: CHAR, VARCHAR or STRING, as {@link String}. */
    static final ArgumentTypeStrategy CLASS_NAME = new CharacterArgument("a class name");

    /** A smoothing name, {@code 'additive'} or {@code 'good-turing'}: any character type. */
    static final ArgumentTypeStrategy SMOOTHING =
            new CharacterArgument("a smoothing ('additive' or 'good-turing')");

    /**
     * The true class of a prediction: after an {@code ARRAY} of probabilities its 1-based
     * position, a number of any numeric type (as {@link #NUMBER}); after a {@code MAP} its class
     * name, any character type (as {@link #CLASS_NAME}).
     */
    static final ArgumentTypeStrategy LABEL = new LabelArgument();

    /** An event time: TIMESTAMP or TIMESTAMP_LTZ of any precision, as {@link TimestampData}. */
    static final ArgumentTypeStrategy TIME = new TimeArgument();

    /** A duration: an INTERVAL DAY TO SECOND, as its milliseconds ({@link Long}). */
    static final ArgumentTypeStrategy DURATION = new DurationArgument();

    /** {@code ARRAY<DOUBLE>} (elements nullable) as {@link ArrayData}. */
    static final DataType DOUBLE_ARRAY = DataTypes.ARRAY(DataTypes.DOUBLE()).bridgedTo(ArrayData.class);

    /** {@code MAP<STRING, DOUBLE>} (values nullable) as {@link MapData}. */
    static final DataType DOUBLE_MAP =
            DataTypes.MAP(DataTypes.STRING(), DataTypes.DOUBLE()).bridgedTo(MapData.class);

    /** {@code ARRAY<INT>} (elements nullable) as {@link ArrayData}. */
    static final DataType INT_ARRAY = DataTypes.ARRAY(DataTypes.INT()).bridgedTo(ArrayData.class);

    /** {@code ARRAY<STRING>} (elements nullable) as {@link ArrayData}. */
    static final DataType STRING_ARRAY = DataTypes.ARRAY(DataTypes.STRING()).bridgedTo(ArrayData.class);

    /** {@code STRING} as {@link StringData}. */
    static final DataType STRING = DataTypes.STRING().bridgedTo(StringData.class);

    /** {@code DOUBLE} as {@link Double}. */
    static final DataType DOUBLE = DataTypes.DOUBLE();

    private SqlTypeInference() {}

    /**
     * The type inference of a scalar function whose arguments are {@code arguments}, of which
     * the first {@code required} must be given, and whose result type is {@code result}.
     */
    static TypeInference scalar(int required, Argument[] arguments, TypeStrategy result) {
        return TypeInference.newBuilder()
                .inputTypeStrategy(optionalTail(required, arguments))
                .outputTypeStrategy(result)
                .build();
    }

    /** As {@link #scalar}, for an aggregate function with accumulator type {@code accumulator}. */
    static TypeInference aggregate(
            int required, Argument[] arguments, DataType accumulator, DataType result) {
        return TypeInference.newBuilder()
                .inputTypeStrategy(optionalTail(required, arguments))
                .accumulatorTypeStrategy(TypeStrategies.explicit(accumulator))
                .outputTypeStrategy(TypeStrategies.explicit(result))
                .build();
    }

    /**
     * The type inference of an aggregate function whose arguments are those of {@code input},
     * with the accumulator type {@code accumulator} (which may depend on the arguments).
     */
    static TypeInference aggregate(InputTypeStrategy input, TypeStrategy accumulator, DataType result) {
        return TypeInference.newBuilder()
                .inputTypeStrategy(input)
                .accumulatorTypeStrategy(accumulator)
                .outputTypeStrategy(TypeStrategies.explicit(result))
                .build();
    }

    /** The arguments of either strategy: the first that matches. */
    static InputTypeStrategy either(InputTypeStrategy first, InputTypeStrategy second) {
        return InputTypeStrategies.or(first, second);
    }

    /** Whether argument {@code position} is a TIMESTAMP or TIMESTAMP_LTZ. */
    static boolean isTime(CallContext context, int position) {
        return context.getArgumentDataTypes().size() > position
                && isTime(context.getArgumentDataTypes().get(position).getLogicalType());
    }

    private static boolean isTime(LogicalType type) {
        return type.is(LogicalTypeRoot.TIMESTAMP_WITHOUT_TIME_ZONE)
                || type.is(LogicalTypeRoot.TIMESTAMP_WITH_LOCAL_TIME_ZONE);
    }

    /** The result {@code forArray} for an array as first argument, else {@code forMap}. */
    static TypeStrategy byShape(DataType forArray, DataType forMap) {
        return context -> Optional.of(isMap(context.getArgumentDataTypes().get(0)) ? forMap : forArray);
    }

    /** The reader of the elements (array) or values (map) of a {@link #SCORES} argument. */
    static NumericReader readerOf(DataType scores) {
        LogicalType type = scores.getLogicalType();
        return NumericReader.of(
                type instanceof MapType
                        ? ((MapType) type).getValueType()
                        : ((ArrayType) type).getElementType());
    }

    static boolean isMap(DataType type) {
        return type.getLogicalType().is(LogicalTypeRoot.MAP);
    }

    static boolean isArray(DataType type) {
        return type.getLogicalType().is(LogicalTypeRoot.ARRAY);
    }

    /** A named argument. */
    static Argument argument(String name, ArgumentTypeStrategy strategy) {
        return new Argument(name, strategy);
    }

    /** A named argument and its strategy, for the signatures in error messages. */
    static final class Argument {
        final String name;
        final ArgumentTypeStrategy strategy;

        private Argument(String name, ArgumentTypeStrategy strategy) {
            this.name = name;
            this.strategy = strategy;
        }
    }

    /**
     * The arguments {@code arguments}, of which the first {@code required} must be given and the
     * others may be left off from the end.
     */
    static InputTypeStrategy optionalTail(int required, Argument[] arguments) {
        InputTypeStrategy[] alternatives = new InputTypeStrategy[arguments.length - required + 1];
        for (int n = required; n <= arguments.length; n++) {
            Argument[] given = Arrays.copyOf(arguments, n);
            alternatives[n - required] =
                    InputTypeStrategies.sequence(
                            Arrays.stream(given).map(a -> a.name).toArray(String[]::new),
                            Arrays.stream(given).map(a -> a.strategy).toArray(ArgumentTypeStrategy[]::new));
        }
        return alternatives.length == 1 ? alternatives[0] : InputTypeStrategies.or(alternatives);
    }

    /** {@link #CLASS_NAME} after a map argument 1, else {@link #NUMBER}. */
    private static final class LabelArgument implements ArgumentTypeStrategy {
        @Override
        public Optional<DataType> inferArgumentType(
                CallContext context, int position, boolean throwOnFailure) {
            return (isMap(context.getArgumentDataTypes().get(0)) ? CLASS_NAME : NUMBER)
                    .inferArgumentType(context, position, throwOnFailure);
        }

        @Override
        public Signature.Argument getExpectedArgument(FunctionDefinition definition, int position) {
            return Signature.Argument.of("INTEGER (position in the ARRAY) | STRING (key of the MAP)");
        }
    }

    /** Its own type with the default (boxed) conversion class; an untyped NULL as DOUBLE. */
    private static final class NumberArgument implements ArgumentTypeStrategy {
        @Override
        public Optional<DataType> inferArgumentType(
                CallContext context, int position, boolean throwOnFailure) {
            LogicalType type = context.getArgumentDataTypes().get(position).getLogicalType();
            if (type.is(LogicalTypeFamily.NUMERIC)) {
                return Optional.of(TypeConversions.fromLogicalToDataType(type));
            }
            if (type.is(LogicalTypeRoot.NULL)) {
                return Optional.of(DataTypes.DOUBLE());
            }
            return context.fail(
                    throwOnFailure,
                    "Argument %s of %s must be a number (TINYINT, SMALLINT, INT, BIGINT, FLOAT, DOUBLE or DECIMAL), was %s",
                    position + 1,
                    context.getName(),
                    type);
        }

        @Override
        public Signature.Argument getExpectedArgument(FunctionDefinition definition, int position) {
            return Signature.Argument.ofGroup(LogicalTypeFamily.NUMERIC);
        }
    }

    /** Its own array or map type, bridged to the internal {@link ArrayData} or {@link MapData}. */
    private static final class ScoresArgument implements ArgumentTypeStrategy {
        @Override
        public Optional<DataType> inferArgumentType(
                CallContext context, int position, boolean throwOnFailure) {
            LogicalType type = context.getArgumentDataTypes().get(position).getLogicalType();
            if (type instanceof ArrayType
                    && ((ArrayType) type).getElementType().is(LogicalTypeFamily.NUMERIC)) {
                return Optional.of(TypeConversions.fromLogicalToDataType(type).bridgedTo(ArrayData.class));
            }
            if (type instanceof MapType
                    && ((MapType) type).getKeyType().is(LogicalTypeFamily.CHARACTER_STRING)
                    && ((MapType) type).getValueType().is(LogicalTypeFamily.NUMERIC)) {
                return Optional.of(TypeConversions.fromLogicalToDataType(type).bridgedTo(MapData.class));
            }
            return context.fail(
                    throwOnFailure,
                    "Argument %s of %s must be an ARRAY of numbers or a MAP from STRING to numbers"
                            + " (a NULL needs a type: CAST(NULL AS ARRAY<DOUBLE>)), was %s",
                    position + 1,
                    context.getName(),
                    type);
        }

        @Override
        public Signature.Argument getExpectedArgument(FunctionDefinition definition, int position) {
            return Signature.Argument.of("ARRAY<NUMERIC> | MAP<STRING, NUMERIC>");
        }
    }

    /** Its own character type as {@link String}; an untyped NULL as STRING. */
    private static final class CharacterArgument implements ArgumentTypeStrategy {
        private final String what;

        CharacterArgument(String what) {
            this.what = what;
        }

        @Override
        public Optional<DataType> inferArgumentType(
                CallContext context, int position, boolean throwOnFailure) {
            LogicalType type = context.getArgumentDataTypes().get(position).getLogicalType();
            if (type.is(LogicalTypeFamily.CHARACTER_STRING)) {
                return Optional.of(TypeConversions.fromLogicalToDataType(type));
            }
            if (type.is(LogicalTypeRoot.NULL)) {
                return Optional.of(DataTypes.STRING());
            }
            return context.fail(
                    throwOnFailure,
                    "Argument %s of %s must be %s (CHAR, VARCHAR or STRING), was %s",
                    position + 1,
                    context.getName(),
                    what,
                    type);
        }

        @Override
        public Signature.Argument getExpectedArgument(FunctionDefinition definition, int position) {
            return Signature.Argument.ofGroup(LogicalTypeFamily.CHARACTER_STRING);
        }
    }

    /** Its own TIMESTAMP / TIMESTAMP_LTZ type (not a time attribute) as {@link TimestampData}. */
    private static final class TimeArgument implements ArgumentTypeStrategy {
        @Override
        public Optional<DataType> inferArgumentType(
                CallContext context, int position, boolean throwOnFailure) {
            LogicalType type = context.getArgumentDataTypes().get(position).getLogicalType();
            if (type instanceof LocalZonedTimestampType) {
                LocalZonedTimestampType t = (LocalZonedTimestampType) type;
                return Optional.of(
                        TypeConversions.fromLogicalToDataType(
                                        new LocalZonedTimestampType(t.isNullable(), t.getPrecision()))
                                .bridgedTo(TimestampData.class));
            }
            if (type instanceof TimestampType) {
                TimestampType t = (TimestampType) type;
                return Optional.of(
                        TypeConversions.fromLogicalToDataType(new TimestampType(t.isNullable(), t.getPrecision()))
                                .bridgedTo(TimestampData.class));
            }
            return context.fail(
                    throwOnFailure,
                    "Argument %s of %s must be an event time (TIMESTAMP_LTZ or TIMESTAMP), was %s",
                    position + 1,
                    context.getName(),
                    type);
        }

        @Override
        public Signature.Argument getExpectedArgument(FunctionDefinition definition, int position) {
            return Signature.Argument.of("TIMESTAMP_LTZ | TIMESTAMP");
        }
    }

    /** Its own INTERVAL DAY TO SECOND type as its milliseconds; an untyped NULL as INTERVAL SECOND(3). */
    private static final class DurationArgument implements ArgumentTypeStrategy {
        @Override
        public Optional<DataType> inferArgumentType(
                CallContext context, int position, boolean throwOnFailure) {
            LogicalType type = context.getArgumentDataTypes().get(position).getLogicalType();
            if (type.is(LogicalTypeRoot.INTERVAL_DAY_TIME)) {
                return Optional.of(TypeConversions.fromLogicalToDataType(type).bridgedTo(Long.class));
            }
            if (type.is(LogicalTypeRoot.NULL)) {
                return Optional.of(DataTypes.INTERVAL(DataTypes.SECOND(3)).bridgedTo(Long.class));
            }
            return context.fail(
                    throwOnFailure,
                    "Argument %s of %s must be a half-life, an INTERVAL DAY TO SECOND such as INTERVAL '1' HOUR, was %s",
                    position + 1,
                    context.getName(),
                    type);
        }

        @Override
        public Signature.Argument getExpectedArgument(FunctionDefinition definition, int position) {
            return Signature.Argument.of("INTERVAL DAY TO SECOND");
        }
    }
}
