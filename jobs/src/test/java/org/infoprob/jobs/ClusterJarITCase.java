package org.infoprob.jobs;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code jobs/target/infoprob-jobs-cluster.jar}, the slim job jar for {@code flink run}, the
 * REST API and the Flink Kubernetes operator (built in the {@code package} phase, so this is an
 * ITCase): what it holds, what it leaves to the cluster, its size, and that it is enough to
 * build every DataStream job's graph where only Flink's own class path is beside it.
 * DistributedClusterITCase runs two of the jobs from it on a real cluster.
 */
class ClusterJarITCase {

    private static final Path JAR = Path.of("target", "infoprob-jobs-cluster.jar").toAbsolutePath();
    /** The goal of issue 17: an order of magnitude below the all-in-one jar's 190 MB. */
    private static final long MAX_BYTES = 25L * 1024 * 1024;

    @Test
    void holdsTheJobsTheConnectorAndTheKafkaClientButNoFlinkRuntimeBrokerOrLogging() throws Exception {
        long size = Files.size(JAR);
        System.out.printf(Locale.ROOT, "%s: %.1f MB%n", JAR.getFileName(), size / 1024.0 / 1024.0);
        assertThat(size).as("size of %s in bytes", JAR).isLessThan(MAX_BYTES);
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class")).as("Main-Class")
                    .isEqualTo("org.infoprob.jobs.InfoprobJobs");
            List<String> entries = jar.stream().map(ZipEntry::getName).toList();
            assertThat(entries).as("entries of %s", JAR).contains(
                    "org/infoprob/jobs/InfoprobJobs.class",
                    "org/infoprob/scores/SoftmaxFunction.class",
                    "org/infoprob/information/InformationFunction.class",
                    "sql/infoprob-sample.sql",
                    "picocli/CommandLine.class",
                    "org/apache/flink/connector/kafka/source/KafkaSource.class",
                    "org/apache/flink/connector/kafka/sink/KafkaSink.class",
                    "org/apache/kafka/clients/producer/KafkaProducer.class",
                    "com/github/luben/zstd/Zstd.class",
                    "org/xerial/snappy/Snappy.class",
                    "net/jpountz/lz4/LZ4Factory.class");
            // What the cluster supplies (Flink, its connector-base, the table planner, slf4j and
            // log4j with its configuration) and what only the demo needs (the Kafka broker).
            assertThat(entries).as("entries of %s", JAR).noneMatch(e -> e.startsWith("org/apache/flink/runtime/")
                    || e.startsWith("org/apache/flink/streaming/api/")
                    || e.startsWith("org/apache/flink/api/")
                    || e.startsWith("org/apache/flink/connector/base/")
                    || e.startsWith("org/apache/flink/table/")
                    || e.startsWith("org/apache/flink/shaded/")
                    // The broker: Kafka's Scala core, its KRaft controller, storage and test kit
                    // (kafka-clients has kafka/kafka-version.properties, and client-side
                    // interfaces in org/apache/kafka/server/).
                    || e.startsWith("kafka/") && e.endsWith(".class")
                    || e.startsWith("org/apache/kafka/controller/")
                    || e.startsWith("org/apache/kafka/raft/")
                    || e.startsWith("org/apache/kafka/storage/")
                    || e.startsWith("org/apache/kafka/common/test/")
                    || e.startsWith("org/slf4j/")
                    || e.startsWith("org/apache/logging/")
                    || e.startsWith("com/fasterxml/")
                    || e.equals("log4j2.properties")
                    || e.equals("web/index.html"));
        }
    }

    /**
     * The client side of {@code flink run}: each DataStream job parses its flags and builds its
     * job graph with nothing but this jar and a Flink distribution's class path (the one
     * DistributedClusterITCase's cluster runs on), in a class loader of their own. A class the
     * jobs need but neither has fails here with NoClassDefFoundError. The {@code sql} job is
     * left out: it plans its statements with the distribution's table planner when it runs.
     * {@code demo} there ends with status 2 and points to the all-in-one jar.
     */
    @Test
    void everyDataStreamJobBuildsItsGraphFromThisJarAndFlinksClassPathAloneAndTheDemoPointsElsewhere() throws Exception {
        List<URL> urls = new ArrayList<>();
        urls.add(JAR.toUri().toURL());
        for (String entry : Files.readString(Path.of("target", "cluster-classpath.txt")).trim().split(File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader())) {
            Thread.currentThread().setContextClassLoader(loader);
            for (String job : List.of("softmax", "sigmoid", "surprisal", "window-softmax", "window-surprisal")) {
                assertThat(vertexCount(loader, job, "--bootstrap-servers", "kafka:9092"))
                        .as("vertices of the %s job built from %s", job, JAR.getFileName()).isPositive();
            }
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Object status = loader.loadClass("org.infoprob.jobs.InfoprobJobs")
                    .getMethod("run", String[].class, PrintStream.class, PrintStream.class)
                    .invoke(null, new String[] {"demo"}, new PrintStream(OutputStream.nullOutputStream()),
                            new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(status).as("exit status of 'demo' from %s", JAR.getFileName()).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).as("message of 'demo' from %s", JAR.getFileName())
                    .contains("java -jar jobs/target/infoprob-jobs.jar demo");
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /** {@code JobRunner.addTo(env, InfoprobJobs.parse(args))} in {@code loader}; the job graph's vertex count. */
    private static int vertexCount(ClassLoader loader, String... args) throws Exception {
        Class<?> envClass = loader.loadClass("org.apache.flink.streaming.api.environment.StreamExecutionEnvironment");
        Object job = loader.loadClass("org.infoprob.jobs.InfoprobJobs").getMethod("parse", String[].class)
                .invoke(null, (Object) args);
        Object env = envClass.getMethod("createLocalEnvironment").invoke(null);
        Method addTo = loader.loadClass("org.infoprob.jobs.JobRunner")
                .getMethod("addTo", envClass, loader.loadClass("org.infoprob.jobs.KafkaJob"));
        addTo.invoke(null, env, job);
        Object streamGraph = envClass.getMethod("getStreamGraph").invoke(env);
        Object jobGraph = streamGraph.getClass().getMethod("getJobGraph").invoke(streamGraph);
        return (Integer) jobGraph.getClass().getMethod("getNumberOfVertices").invoke(jobGraph);
    }
}
