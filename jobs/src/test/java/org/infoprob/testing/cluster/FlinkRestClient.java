package org.infoprob.testing.cluster;

import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.node.ArrayNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The parts of Flink's REST API that the cluster tests use, over the JDK's HTTP client: jar
 * upload and run (with a parallelism and a savepoint to start from), job and task state, the
 * restart count, checkpoint statistics and history, stop-with-savepoint, cancel, and the
 * registered TaskManagers.
 *
 * <pre>{@code
 * FlinkRestClient rest = new FlinkRestClient(URI.create("http://127.0.0.1:8081"));
 * String jarId = rest.uploadJar(Path.of("target/infoprob-jobs-cluster.jar"));
 * String jobId = rest.runJar(jarId, List.of("softmax", "--bootstrap-servers", bootstrap), 2, null);
 * rest.awaitAllTasksRunning(jobId, Duration.ofMinutes(1));
 * String savepoint = rest.stopWithSavepoint(jobId, "file:///tmp/savepoints", Duration.ofMinutes(1));
 * }</pre>
 *
 * <p>A response other than 2xx becomes an {@link IllegalStateException} with the status and the
 * body, which for Flink holds the server-side stack trace.
 */
public final class FlinkRestClient {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http;

    public FlinkRestClient(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public URI baseUri() {
        return base;
    }

    /** {@code GET /overview}: TaskManager, slot and job counts of the cluster. */
    public JsonNode overview() {
        return get("/overview");
    }

    /** {@code GET /taskmanagers}: the resource ids of the registered TaskManagers. */
    public List<String> taskManagerIds() {
        List<String> ids = new ArrayList<>();
        for (JsonNode tm : get("/taskmanagers").path("taskmanagers")) {
            ids.add(tm.path("id").asText());
        }
        return ids;
    }

    /** {@code POST /jars/upload} of {@code jar}; returns the id that {@link #runJar} takes. */
    public String uploadJar(Path jar) {
        String boundary = "infoprob-" + UUID.randomUUID();
        String head =
                "--" + boundary + "\r\n"
                        + "Content-Disposition: form-data; name=\"jarfile\"; filename=\""
                        + jar.getFileName()
                        + "\"\r\n"
                        + "Content-Type: application/x-java-archive\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        HttpRequest.BodyPublisher body;
        try {
            body =
                    HttpRequest.BodyPublishers.concat(
                            HttpRequest.BodyPublishers.ofString(head),
                            HttpRequest.BodyPublishers.ofFile(jar),
                            HttpRequest.BodyPublishers.ofString(tail));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + jar, e);
        }
        JsonNode response =
                send(
                        request("/jars/upload")
                                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                .POST(body)
                                .build());
        String file = response.path("filename").asText();
        if (file.isEmpty()) {
            throw new IllegalStateException("Jar upload answered without a file name: " + response);
        }
        return Path.of(file).getFileName().toString();
    }

    /**
     * {@code POST /jars/:jarId/run}: runs the jar's main class (from its manifest) with {@code
     * args} on the JobManager, which submits the job; returns the job id.
     *
     * @param savepointPath a savepoint to start from, or null
     */
    public String runJar(String jarId, List<String> args, int parallelism, String savepointPath) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode programArgs = body.putArray("programArgsList");
        args.forEach(programArgs::add);
        body.put("parallelism", parallelism);
        if (savepointPath != null) {
            body.put("savepointPath", savepointPath);
            body.put("allowNonRestoredState", false);
        }
        JsonNode response = post("/jars/" + jarId + "/run", body);
        return response.path("jobid").asText();
    }

    /** {@code GET /jobs/:jobId}: state, vertices with their task states, timestamps. */
    public JsonNode job(String jobId) {
        return get("/jobs/" + jobId);
    }

    /** The job's state, e.g. {@code RUNNING}, {@code RESTARTING}, {@code FINISHED}. */
    public String jobState(String jobId) {
        return job(jobId).path("state").asText();
    }

    /**
     * True when the job is {@code RUNNING} and so is every subtask of every vertex: a job that
     * restarts is {@code RUNNING} again before its tasks are deployed and restored.
     */
    public boolean allTasksRunning(String jobId) {
        JsonNode job = job(jobId);
        if (!"RUNNING".equals(job.path("state").asText())) {
            return false;
        }
        for (JsonNode vertex : job.path("vertices")) {
            int parallelism = vertex.path("parallelism").asInt();
            if (vertex.path("tasks").path("RUNNING").asInt() != parallelism) {
                return false;
            }
        }
        return true;
    }

    /**
     * Waits until {@link #allTasksRunning}.
     *
     * @throws IllegalStateException if the job reaches a terminal state or the timeout passes,
     *     with the job's latest exception
     */
    public void awaitAllTasksRunning(String jobId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!allTasksRunning(jobId)) {
            String state = jobState(jobId);
            if (state.equals("FAILED") || state.equals("CANCELED") || state.equals("FINISHED")) {
                throw new IllegalStateException(
                        "Job " + jobId + " is " + state + ": " + rootException(jobId));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "Job " + jobId + " did not run all its tasks within " + timeout
                                + " (state " + state + "): " + rootException(jobId));
            }
            Sleep.millis(50);
        }
    }

    /**
     * Waits until the job is in {@code state} (e.g. {@code FINISHED} after a stop-with-savepoint:
     * the REST API may show the job as it was for a moment, from its cache of job graphs).
     *
     * @throws IllegalStateException if it is not within {@code timeout}
     */
    public void awaitJobState(String jobId, String state, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String now;
        while (!(now = jobState(jobId)).equals(state)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "Job " + jobId + " is " + now + ", not " + state + " after " + timeout);
            }
            Sleep.millis(50);
        }
    }

    /**
     * The TaskManagers that run subtasks of each vertex of the job: vertex name to TaskManager
     * ids, from {@code GET /jobs/:jobId/vertices/:vertexId/taskmanagers}.
     */
    public Map<String, Set<String>> taskManagersByVertex(String jobId) {
        Map<String, Set<String>> byVertex = new LinkedHashMap<>();
        for (JsonNode vertex : job(jobId).path("vertices")) {
            Set<String> ids = new TreeSet<>();
            JsonNode tms = get("/jobs/" + jobId + "/vertices/" + vertex.path("id").asText() + "/taskmanagers");
            for (JsonNode tm : tms.path("taskmanagers")) {
                ids.add(tm.path("taskmanager-id").asText());
            }
            byVertex.put(vertex.path("name").asText(), ids);
        }
        return byVertex;
    }

    /** {@code GET /jobs/:jobId/checkpoints}: counts, latest completed and restored checkpoint. */
    public CheckpointStats checkpoints(String jobId) {
        JsonNode stats = get("/jobs/" + jobId + "/checkpoints");
        JsonNode counts = stats.path("counts");
        JsonNode completed = stats.path("latest").path("completed");
        JsonNode restored = stats.path("latest").path("restored");
        return new CheckpointStats(
                counts.path("completed").asLong(),
                counts.path("restored").asLong(),
                completed.isObject() ? completed.path("id").asLong() : -1,
                completed.isObject() ? completed.path("latest_ack_timestamp").asLong() : -1,
                restored.isObject() ? restored.path("id").asLong() : -1,
                restored.isObject() && restored.path("is_savepoint").asBoolean(),
                restored.isObject() ? restored.path("external_path").asText() : null);
    }

    /**
     * Waits until {@code count} more checkpoints of the job have completed than when called.
     *
     * @throws AssertionError if they do not within {@code timeout}
     */
    public void awaitNewCheckpoints(String jobId, int count, Duration timeout) {
        long target = checkpoints(jobId).latestCompletedId() + count;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (checkpoints(jobId).latestCompletedId() < target) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "Job " + jobId + " completed no checkpoint up to id " + target + " within " + timeout);
            }
            Sleep.millis(100);
        }
    }

    /**
     * {@code GET /jobs/:jobId/checkpoints}, its {@code history}: the most recent checkpoints and
     * savepoints (Flink keeps {@code web.checkpoints.history}, default 10), newest first.
     */
    public List<CheckpointEntry> checkpointHistory(String jobId) {
        List<CheckpointEntry> entries = new ArrayList<>();
        for (JsonNode c : get("/jobs/" + jobId + "/checkpoints").path("history")) {
            entries.add(
                    new CheckpointEntry(
                            c.path("id").asLong(),
                            c.path("status").asText(),
                            c.path("is_savepoint").asBoolean(),
                            c.path("checkpointed_size").asLong(),
                            c.path("state_size").asLong(),
                            c.path("end_to_end_duration").asLong(),
                            c.path("latest_ack_timestamp").asLong()));
        }
        return entries;
    }

    /**
     * {@code GET /jobs/:jobId/checkpoints/config}: mode, interval, {@code state_backend} (e.g.
     * {@code EmbeddedRocksDBStateBackend}), {@code checkpoint_storage}, ...
     */
    public JsonNode checkpointConfig(String jobId) {
        return get("/jobs/" + jobId + "/checkpoints/config");
    }

    /**
     * The job's {@code numRestarts} metric ({@code GET /jobs/:jobId/metrics?get=numRestarts}):
     * how often it restarted since it was submitted, 0 before the first restart.
     */
    public long restarts(String jobId) {
        for (JsonNode metric : get("/jobs/" + jobId + "/metrics?get=numRestarts")) {
            if ("numRestarts".equals(metric.path("id").asText())) {
                return metric.path("value").asLong();
            }
        }
        return 0;
    }

    /** The parallelism of each vertex of the job, by vertex name. */
    public Map<String, Integer> vertexParallelism(String jobId) {
        Map<String, Integer> parallelism = new LinkedHashMap<>();
        for (JsonNode vertex : job(jobId).path("vertices")) {
            parallelism.put(vertex.path("name").asText(), vertex.path("parallelism").asInt());
        }
        return parallelism;
    }

    /**
     * {@code POST /jobs/:jobId/stop} without draining: takes a savepoint into {@code
     * targetDirectory}, then stops the job; waits for the savepoint and returns its path.
     */
    public String stopWithSavepoint(String jobId, String targetDirectory, Duration timeout) {
        ObjectNode body = JSON.createObjectNode();
        body.put("targetDirectory", targetDirectory);
        body.put("drain", false);
        String requestId = post("/jobs/" + jobId + "/stop", body).path("request-id").asText();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode status = get("/jobs/" + jobId + "/savepoints/" + requestId);
            if ("COMPLETED".equals(status.path("status").path("id").asText())) {
                JsonNode operation = status.path("operation");
                if (operation.has("failure-cause")) {
                    throw new IllegalStateException(
                            "Stop-with-savepoint of " + jobId + " failed: "
                                    + operation.path("failure-cause"));
                }
                return operation.path("location").asText();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "Stop-with-savepoint of " + jobId + " did not complete within " + timeout);
            }
            Sleep.millis(100);
        }
    }

    /** {@code PATCH /jobs/:jobId?mode=cancel}. */
    public void cancel(String jobId) {
        send(request("/jobs/" + jobId + "?mode=cancel")
                .method("PATCH", HttpRequest.BodyPublishers.noBody())
                .build());
    }

    /** The newest entry of the job's exception history, or a note that there is none. */
    public String rootException(String jobId) {
        JsonNode entries = get("/jobs/" + jobId + "/exceptions").path("exceptionHistory").path("entries");
        if (entries.isArray() && entries.size() > 0) {
            return entries.get(0).path("stacktrace").asText();
        }
        return "(no exception recorded)";
    }

    private JsonNode get(String path) {
        return send(request(path).GET().build());
    }

    private JsonNode post(String path, JsonNode body) {
        return send(
                request(path)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT);
    }

    private JsonNode send(HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + request.method() + " " + request.uri(), e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(
                    request.method() + " " + request.uri() + " answered " + response.statusCode()
                            + ": " + response.body());
        }
        try {
            return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON from " + request.uri() + ": " + response.body(), e);
        }
    }

    /**
     * Checkpoint statistics of a job.
     *
     * @param completed checkpoints completed since the job was submitted
     * @param restored times the job restored from a checkpoint (one per recovery)
     * @param latestCompletedId id of the newest completed checkpoint, -1 if none
     * @param latestCompletedAckMillis when that checkpoint was acknowledged by its last task
     * @param latestRestoredId id of the checkpoint of the latest restore, -1 if none
     * @param latestRestoredIsSavepoint whether that restore was from a savepoint
     * @param latestRestoredPath where the restored checkpoint or savepoint lives, null if none
     */
    public record CheckpointStats(
            long completed,
            long restored,
            long latestCompletedId,
            long latestCompletedAckMillis,
            long latestRestoredId,
            boolean latestRestoredIsSavepoint,
            String latestRestoredPath) {}

    /**
     * One checkpoint or savepoint of {@link #checkpointHistory}.
     *
     * @param id its id
     * @param status {@code IN_PROGRESS}, {@code COMPLETED} or {@code FAILED}
     * @param savepoint whether it is a savepoint
     * @param checkpointedSize bytes this checkpoint wrote: with incremental RocksDB checkpoints
     *     only the files that the previous ones did not already hold
     * @param stateSize bytes of the whole state it stands for, shared files included
     * @param endToEndMillis from trigger to the last acknowledgement
     * @param latestAckMillis when its last task acknowledged it (epoch millis)
     */
    public record CheckpointEntry(
            long id,
            String status,
            boolean savepoint,
            long checkpointedSize,
            long stateSize,
            long endToEndMillis,
            long latestAckMillis) {}
}
