package org.infoprob.sql;

import org.apache.flink.table.functions.FunctionContext;
import org.infoprob.internal.DeadLetterCounters;
import org.infoprob.internal.DeadLetterCause;
import org.infoprob.model.Reason;

/**
 * How an infoprob SQL function rejects a row: it returns SQL {@code NULL} and counts the row
 * under the function's own metric group, {@code <operator>.<FUNCTION_NAME>.deadLetters} and
 * {@code <operator>.<FUNCTION_NAME>.reason.<REASON>.deadLetters} (see {@link DeadLetterCounters}). A SQL
 * function has no side output, so the count is what makes a rejection visible; a NULL
 * argument is not a rejection and is not counted.
 */
final class Rejections {

    private final DeadLetterCounters counters;

    Rejections(FunctionContext context, String functionName) {
        this.counters = new DeadLetterCounters(context.getMetricGroup().addGroup(functionName));
    }

    /** Counts one rejected row; returns {@code null}, the function's result for it. */
    <T> T reject(Reason reason) {
        counters.count(reason);
        return null;
    }

    /** Counts a row the math core refused; returns {@code null}. */
    <T> T reject(IllegalArgumentException e) {
        return reject(DeadLetterCause.reasonOf(e));
    }

    /** Rows rejected so far by this function instance. */
    long total() {
        return counters.total();
    }
}
