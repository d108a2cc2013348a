package org.infoprob.calibration;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.infoprob.model.CalibratedEvent;
import org.infoprob.model.CalibrationMetrics;
import org.infoprob.model.DeadLetter;
import org.infoprob.model.LabelEvent;
import org.infoprob.model.LabelledScores;
import org.infoprob.model.Reason;
import org.infoprob.model.ScoreEvent;
import org.infoprob.testing.FlinkMiniCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The calibration family as a job would wire it, on a MiniCluster with parallelism 2 and no Kryo
 * ({@code pipeline.generic-types: false}): score events with ids and delayed labels -> {@link
 * LabelJoinFunction} -> {@link TemperatureCalibrationFunction} (one global segment) -> the
 * prequential evaluations -> {@link CalibrationMetricsAggregate} in 10 s event-time windows. The
 * labels include every kind the join must turn into a dead letter.
 */
class CalibrationPipelineITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    private static final int EVENTS = 4_000;

    @Test
    void delayedLabelsCalibrateEveryEventAndTheRejectedLabelsAreDeadLetters() throws Exception {
        List<LabelledScores> truth = CalibrationData.overConfident(31, EVENTS, 2.5);
        List<ScoreEvent> scores = new ArrayList<>();
        List<LabelEvent> labels = new ArrayList<>();
        int expectedDuplicates = 0;
        for (int n = 0; n < EVENTS; n++) {
            LabelledScores x = truth.get(n);
            long ts = 10L * n;
            ScoreEvent e = ScoreEvent.of("m", ts, CalibrationData.FIVE.clone(), x.scores);
            e.id = x.id;
            scores.add(e);
            if (n % 20 == 7) {
                continue; // never labelled
            }
            if (n % 400 == 5) {
                // A label of a class the event does not have (its only label: which of event and
                // label reaches the join first does not change the outcome), and one without event.
                labels.add(LabelEvent.ofClass(x.id, ts + 500, "c9"));
                labels.add(LabelEvent.ofClass("ghost-" + n, ts + 500, "c0"));
                continue;
            }
            labels.add(LabelEvent.ofClass(x.id, ts + 500, CalibrationData.FIVE[x.label]));
            if (n % 100 == 3) {
                labels.add(LabelEvent.ofClass(x.id, ts + 600, CalibrationData.FIVE[x.label]));
                expectedDuplicates++;
            }
        }
        labels.sort((a, b) -> Long.compare(a.ts, b.ts));
        int matched = EVENTS - EVENTS / 20 - EVENTS / 400;

        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        DataStream<ScoreEvent> scoreStream = env.fromData(scores, TypeInformation.of(ScoreEvent.class))
                .assignTimestampsAndWatermarks(WatermarkStrategy.<ScoreEvent>forMonotonousTimestamps().withTimestampAssigner((e, t) -> e.ts))
                .name("scores").uid("scores");
        DataStream<LabelEvent> labelStream = env.fromData(labels, TypeInformation.of(LabelEvent.class))
                .assignTimestampsAndWatermarks(WatermarkStrategy.<LabelEvent>forMonotonousTimestamps().withTimestampAssigner((l, t) -> l.ts))
                .name("labels").uid("labels");

        SingleOutputStreamOperator<LabelledScores> examples = scoreStream
                .filter(e -> e.id != null).name("with-id").uid("with-id")
                .keyBy(e -> e.id)
                .connect(labelStream.keyBy(l -> l.id))
                .process(LabelJoinFunction.forScores().setLabelTimeout(Duration.ofSeconds(2)).setName("label-join").build())
                .name("label-join").uid("label-join");
        SingleOutputStreamOperator<CalibratedEvent> calibrated = scoreStream.keyBy(e -> "")
                .connect(examples.keyBy(x -> ""))
                .process(TemperatureCalibrationFunction.builder(5).setRefitEvery(200).setName("temperature").build())
                .name("temperature").uid("temperature");
        SingleOutputStreamOperator<CalibrationMetrics> metrics = calibrated.getSideOutput(CalibrationFunction.EVALUATIONS)
                .keyBy(x -> x.segment)
                .window(TumblingEventTimeWindows.of(Duration.ofSeconds(10)))
                .aggregate(new CalibrationMetricsAggregate(), new CalibrationMetricsWindowFunction())
                .name("calibration-metrics").uid("calibration-metrics");

        DataStream<String> out = calibrated.map(c -> "C|" + c.ts + "|" + c.temperature + "|" + c.fitStatus).returns(Types.STRING)
                .union(
                        examples.getSideOutput(DeadLetter.TAG).union(calibrated.getSideOutput(DeadLetter.TAG))
                                .map(d -> "D|" + d.reason).returns(Types.STRING),
                        metrics.map(m -> "M|" + m.windowStart + "|" + m.count + "|" + m.rejected + "|" + m.logLoss)
                                .returns(Types.STRING));
        List<String> lines = new ArrayList<>();
        out.executeAndCollect("calibration-pipeline-it").forEachRemaining(lines::add);

        Map<String, Long> dead = lines.stream().filter(l -> l.startsWith("D|"))
                .collect(Collectors.groupingBy(l -> l.substring(2), Collectors.counting()));
        assertThat(dead).containsOnly(
                Map.entry(Reason.DUPLICATE_LABEL.name(), (long) expectedDuplicates),
                Map.entry(Reason.LABEL_WITHOUT_EVENT.name(), 10L),
                Map.entry(Reason.UNKNOWN_LABEL.name(), 10L));

        List<String[]> calibratedLines = split(lines, "C|");
        assertThat(calibratedLines).as("every score event calibrated").hasSize(EVENTS);
        List<String[]> metricLines = split(lines, "M|");
        assertThat(metricLines.stream().mapToLong(m -> Long.parseLong(m[2])).sum())
                .as("one evaluation per matched label").isEqualTo(matched);
        // A labelled example has the time of whichever of event and label reached the join
        // second (the two inputs race at parallelism 2); labels come 0.5 s after their event, so
        // the last examples of the 40 s may fall into [40 s, 50 s).
        assertThat(metricLines.stream().map(m -> m[1]).toList()).as("10 s windows over 40 s of events")
                .containsAll(List.of("0", "10000", "20000", "30000"))
                .isSubsetOf(List.of("0", "10000", "20000", "30000", "40000"));
        assertThat(metricLines).allSatisfy(m -> assertThat(Double.parseDouble(m[4])).isBetween(0.5, 3.0));
        // The last events of the stream are calibrated with a fitted T near the truth.
        String[] latest = calibratedLines.stream().max((a, b) -> Long.compare(Long.parseLong(a[1]), Long.parseLong(b[1]))).orElseThrow();
        assertThat(latest[3]).isEqualTo("FITTED");
        assertThat(Double.parseDouble(latest[2])).as("T after ~3,800 labels").isBetween(2.2, 2.8);
    }

    private static List<String[]> split(List<String> lines, String prefix) {
        Function<String, String[]> fields = l -> l.split("\\|");
        return lines.stream().filter(l -> l.startsWith(prefix)).map(fields).collect(Collectors.toList());
    }
}
