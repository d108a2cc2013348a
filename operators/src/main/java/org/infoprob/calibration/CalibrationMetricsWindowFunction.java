package org.infoprob.calibration;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.infoprob.model.CalibrationMetrics;

/**
 * Puts the key (the segment) and the window bounds on the result of a {@link
 * CalibrationMetricsAggregate}: {@code .aggregate(new CalibrationMetricsAggregate(), new
 * CalibrationMetricsWindowFunction())}.
 */
@PublicEvolving
public class CalibrationMetricsWindowFunction
        extends ProcessWindowFunction<CalibrationMetrics, CalibrationMetrics, String, TimeWindow> {

    private static final long serialVersionUID = 1L;

    @Override
    public void process(String segment, Context ctx, Iterable<CalibrationMetrics> results, Collector<CalibrationMetrics> out) {
        for (CalibrationMetrics m : results) {
            m.segment = segment;
            m.windowStart = ctx.window().getStart();
            m.windowEnd = ctx.window().getEnd();
            out.collect(m);
        }
    }
}
