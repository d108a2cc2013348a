package org.infoprob.sql;

import org.apache.flink.table.functions.FunctionContext;
import org.infoprob.internal.InvalidCounters;
import org.infoprob.math.InvalidScoresException;
import org.infoprob.model.Reason;

/**
 * How an infoprob SQL function rejects a row: it returns SQL {@code NULL} and counts the row
 * under the function's own metric group, {@code <operator>.<FUNCTION_NAME>.invalidRecords} and
 * {@code <operator>.<FUNCTION_NAME>.invalid.<REASON>} (see {@link InvalidCounters}). A SQL
 * function has no side output, so the count is what makes a rejection visible; a NULL
 * argument is not a rejection and is not counted.
 */
final class Rejections {

    private final InvalidCounters counters;

    Rejections(FunctionContext context, String functionName) {
        this.counters = new InvalidCounters(context.getMetricGroup().addGroup(functionName));
    }

    /** Counts one rejected row; returns {@code null}, the function's result for it. */
    <T> T reject(Reason reason) {
        counters.count(reason);
        return null;
    }

    /** Counts a row the math core refused; returns {@code null}. */
    <T> T reject(IllegalArgumentException e) {
        return reject(reasonOf(e));
    }

    /** Rows rejected so far by this function instance. */
    long total() {
        return counters.total();
    }

    /**
     * The reason code for a refusal of the math core: the kind of an {@link
     * InvalidScoresException} (data without a distribution), otherwise {@link
     * Reason#OUT_OF_RANGE} (a temperature, probability, count or k outside its range).
     */
    static Reason reasonOf(IllegalArgumentException e) {
        if (e instanceof InvalidScoresException) {
            return switch (((InvalidScoresException) e).kind()) {
                case NAN -> Reason.NON_FINITE_SCORE;
                case ALL_NEGATIVE_INFINITY -> Reason.ALL_NEGATIVE_INFINITY;
                case EMPTY -> Reason.EMPTY_SCORES;
            };
        }
        return Reason.OUT_OF_RANGE;
    }
}
