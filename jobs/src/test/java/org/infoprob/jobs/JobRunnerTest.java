package org.infoprob.jobs;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link JobRunner#configure} turns generated uids off ({@code pipeline.auto-generate-uids:
 * false}): an operator without a uid fails the job before it is submitted, and every job's
 * graph (each window kind, both sigmoid modes) still builds.
 */
class JobRunnerTest {

    @Test
    void anOperatorWithoutAUidFailsTheJobBeforeSubmission() {
        StreamExecutionEnvironment env = configured();
        env.fromData(1, 2, 3).uid("numbers").map(i -> i + 1).name("plus-one").sinkTo(new DiscardingSink<>()).uid("sink");
        assertThatThrownBy(env::getStreamGraph)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no UID or hash has been assigned to operator plus-one");

        StreamExecutionEnvironment same = configured();
        same.fromData(1, 2, 3).uid("numbers").map(i -> i + 1).name("plus-one").uid("plus-one").sinkTo(new DiscardingSink<>()).uid("sink");
        assertThatCode(() -> same.getStreamGraph().getJobGraph()).as("with its uid").doesNotThrowAnyException();
    }

    @Test
    void everyJobsGraphBuildsWithoutGeneratedUids() {
        for (List<String> args : List.of(
                List.of("softmax"),
                List.of("sigmoid"),
                List.of("sigmoid", "--multi-label"),
                List.of("surprisal"),
                List.of("window-softmax"),
                List.of("window-softmax", "--window-slide", "10 s"),
                List.of("window-softmax", "--session-gap", "1 min", "--allowed-lateness", "1 min"),
                List.of("window-surprisal", "--window-slide", "10 s"))) {
            KafkaJob job = (KafkaJob) InfoprobJobs.parse(args.toArray(new String[0]));
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
            JobRunner.configure(env, job.kafka().runtime());
            JobRunner.addTo(env, job);
            assertThatCode(() -> env.getStreamGraph().getJobGraph()).as("the graph of %s", args).doesNotThrowAnyException();
        }
    }

    private static StreamExecutionEnvironment configured() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
        JobRunner.configure(env, ((KafkaJob) InfoprobJobs.parse("softmax")).kafka().runtime());
        return env;
    }
}
