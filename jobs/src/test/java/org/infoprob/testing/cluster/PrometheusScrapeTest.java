package org.infoprob.testing.cluster;

import org.infoprob.testing.cluster.PrometheusScrape.Sample;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The text exposition parser, on lines written as Flink's Prometheus reporter writes them. */
class PrometheusScrapeTest {

    @Test
    void labelsWithCommasBracesAndEscapesAndLinesWithoutLabelsParse() {
        String text = "# HELP flink_taskmanager_job_task_operator_reason_deadLetters deadLetters (scope: x)\n"
                + "# TYPE flink_taskmanager_job_task_operator_reason_deadLetters gauge\n"
                + "flink_taskmanager_job_task_operator_reason_deadLetters{job_id=\"ab12\",reason=\"INVALID_JSON\","
                + "task_name=\"Source: a, b {c} \\\"d\\\" \\\\e\",subtask_index=\"1\",} 3.0\n"
                + "flink_jobmanager_numRegisteredTaskManagers 2.0\n"
                + "\n";

        List<Sample> samples = PrometheusScrape.parse(text);

        assertThat(samples).hasSize(2);
        Sample reason = samples.get(0);
        assertThat(reason.name()).isEqualTo("flink_taskmanager_job_task_operator_reason_deadLetters");
        assertThat(reason.label("reason")).isEqualTo("INVALID_JSON");
        assertThat(reason.label("task_name")).isEqualTo("Source: a, b {c} \"d\" \\e");
        assertThat(reason.label("subtask_index")).isEqualTo("1");
        assertThat(reason.label("operator_name")).as("a label the sample lacks").isEmpty();
        assertThat(reason.value()).isEqualTo(3.0);
        assertThat(samples.get(1).name()).isEqualTo("flink_jobmanager_numRegisteredTaskManagers");
        assertThat(samples.get(1).value()).isEqualTo(2.0);
    }
}
