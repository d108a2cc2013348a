package org.infoprob.jobs;

import org.infoprob.serde.KafkaRecord;
import org.infoprob.testing.FlinkMiniCluster;

import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The input/output examples of jobs/README.md (and the javadoc copies of the softmax one) are
 * what the jobs write: each documented input record goes through the job's own pipeline with
 * default flags, and the written JSON must equal the documented output field for field (JSON
 * doubles round-trip exactly, so the doubles are compared exactly).
 *
 * <p>The documented values were checked independently with Python 3's {@code math} (the
 * javadoc formulas): softmax of {@code {cat: 2.0, dog: 1.0, bird: -0.5}} is {@code e^{s_i - 2} /
 * sum_j e^{s_j - 2}} = {@code {0.6896720861245036, 0.25371618163502524, 0.05661173224047129}},
 * entropy {@code -sum p ln p} = {@code 0.7667845440888863} (the job's compensated sum gives
 * {@code ...864}, 1 ulp away; checked below), margin {@code p_cat - p_dog} = {@code
 * 0.43595590448947835}; sigmoid of 1.3 is {@code 1/(1 + e^{-1.3})} = {@code 0.7858349830425586},
 * its complement {@code 0.2141650169574414}, entropy {@code 0.5194229758776661}, margin {@code
 * 0.5716699660851172}.
 */
class DocumentedExamplesITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CODE = Pattern.compile("`(\\{[^`]*\\})`");

    @ParameterizedTest(name = "{0}")
    @CsvSource({"softmax", "sigmoid"})
    void theReadmeExampleIsWhatTheJobWrites(String job) throws Exception {
        String section = section(Files.readString(Path.of("README.md")), job);
        String input = firstJson(section, "**Input**");
        String documented = firstJson(section, "**Output**");

        String written = run(job, input);

        assertThat(JSON.readTree(written)).as("%s output of %s", job, input).isEqualTo(JSON.readTree(documented));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "jobs/src/main/java/org/infoprob/jobs/SoftmaxJob.java",
        "operators/src/main/java/org/infoprob/serde/ProbabilityEventSerializer.java"
    })
    void theJavadocCopiesShowTheSameSoftmaxOutput(String source) throws Exception {
        String readme = section(Files.readString(Path.of("README.md")), "softmax");
        JsonNode documented = JSON.readTree(firstJson(readme, "**Output**"));
        String javadoc = Files.readString(Path.of("..").resolve(source)).replaceAll("\n \\*\\s*", "");

        Matcher m = Pattern.compile("\\{\"key\":\"sensor-7\",\"ts\":1732752000000,\"probabilities\".*?\"margin\":[0-9.]+\\}")
                .matcher(javadoc);
        assertThat(m.find()).as("%s shows a softmax output", source).isTrue();
        assertThat(JSON.readTree(m.group())).as(source).isEqualTo(documented);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"softmax, entropy, 0.7667845440888863", "sigmoid, entropy, 0.5194229758776661"})
    void theDocumentedValuesAgreeWithAnIndependentComputation(String job, String field, double reference)
            throws Exception {
        JsonNode documented = JSON.readTree(firstJson(section(Files.readString(Path.of("README.md")), job), "**Output**"));
        double value = documented.get(field).doubleValue();
        assertThat(Math.abs(value - reference) / Math.ulp(reference)).as("%s %s in ulps of Python's", job, field)
                .isLessThanOrEqualTo(1.0);
    }

    private static String run(String job, String input) throws Exception {
        CommandLine cli = InfoprobJobs.commandLine();
        cli.parseArgs(job);
        KafkaJob kafkaJob = (KafkaJob) cli.getSubcommands().get(job).getCommand();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        KafkaRecord record =
                KafkaRecord.of(null, input.getBytes(StandardCharsets.UTF_8), "in", 0, 0L, 1732752000000L);
        Pipeline<?> pipeline = kafkaJob.buildPipeline(env.fromData(record));
        List<String> written = new ArrayList<>();
        try (CloseableIterator<String> it = serialized(pipeline).executeAndCollect()) {
            it.forEachRemaining(written::add);
        }
        assertThat(written).as("%s writes one record for %s", job, input).hasSize(1);
        return written.get(0);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static org.apache.flink.streaming.api.datastream.DataStream<String> serialized(Pipeline pipeline) {
        org.apache.flink.api.common.serialization.SerializationSchema schema = pipeline.format().serializer();
        return pipeline.output()
                .map(o -> new String(schema.serialize(o), StandardCharsets.UTF_8))
                .returns(Types.STRING);
    }

    private static String section(String readme, String name) {
        int start = readme.indexOf("\n## " + name + "\n");
        assertThat(start).as("README section %s", name).isNotNegative();
        int end = readme.indexOf("\n## ", start + 4);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    private static String firstJson(String section, String label) {
        int at = section.indexOf(label);
        assertThat(at).as("%s in the section", label).isNotNegative();
        Matcher m = CODE.matcher(section);
        assertThat(m.find(at)).as("a JSON example after %s", label).isTrue();
        return m.group(1);
    }
}
