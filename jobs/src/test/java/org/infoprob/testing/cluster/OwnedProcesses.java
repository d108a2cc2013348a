package org.infoprob.testing.cluster;

import org.apache.flink.util.FileUtils;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Every child process a test starts, owned by PID: started here, ended here, whatever happens.
 *
 * <pre>{@code
 * try (OwnedProcesses processes = OwnedProcesses.in(Path.of("target/cluster-it/MyITCase"))) {
 *     OwnedProcess broker = processes.start("kafka", JavaCommand.main("kafka.Kafka")...);
 *     ...
 * }   // every process still running is stopped, also when the test failed
 * }</pre>
 *
 * <p>Three lines of defence against a process outliving its test:
 *
 * <ol>
 *   <li>{@link #close()}: SIGTERM to every live process (newest first), SIGKILL after a grace
 *       period.
 *   <li>A JVM shutdown hook does the same with a short grace period, for a test JVM that is
 *       told to stop (Ctrl-C, SIGTERM from the build tool) before {@code close()} ran.
 *   <li>Each process's PID and start time are appended to {@code owned-pids.txt} in the
 *       directory. A test JVM killed with SIGKILL runs no hook; the next {@link #in} on the same
 *       directory kills the processes listed there that are still alive with the same start
 *       time (so a reused PID of some other process is left alone), then empties the
 *       directory.
 * </ol>
 *
 * <p>Each process writes stdout and stderr to {@code <name>.out} in the directory.
 */
public final class OwnedProcesses implements AutoCloseable {

    private static final String PID_FILE = "owned-pids.txt";
    private static final Duration GRACE = Duration.ofSeconds(10);
    private static final Duration HOOK_GRACE = Duration.ofSeconds(2);

    private final Path directory;
    private final List<OwnedProcess> processes = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook;

    private OwnedProcesses(Path directory) {
        this.directory = directory;
        this.shutdownHook = new Thread(() -> stopAll(HOOK_GRACE), "stop-owned-processes");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Owns processes whose files live in {@code directory}. Processes that an earlier run on the
     * same directory left behind are killed first, and the directory is emptied.
     */
    public static OwnedProcesses in(Path directory) {
        killLeftovers(directory.resolve(PID_FILE));
        deleteRecursively(directory);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + directory, e);
        }
        return new OwnedProcesses(directory.toAbsolutePath());
    }

    /** The directory holding the processes' logs and working files. */
    public Path directory() {
        return directory;
    }

    /**
     * Starts {@code command} as a child process named {@code name} (unique among the processes
     * of this owner; it names the log file {@code <name>.out}).
     */
    public OwnedProcess start(String name, JavaCommand command) {
        if (closed.get()) {
            throw new IllegalStateException("Closed; cannot start " + name);
        }
        for (OwnedProcess p : processes) {
            if (p.name().equals(name)) {
                throw new IllegalArgumentException("A process named " + name + " was started already: " + p);
            }
        }
        Path log = directory.resolve(name + ".out");
        ProcessBuilder builder =
                new ProcessBuilder(command.commandLine())
                        .directory(directory.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(command.environment());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + " (" + command.mainClass() + ")", e);
        }
        OwnedProcess owned = new OwnedProcess(name, process, log);
        processes.add(owned);
        recordPid(process);
        return owned;
    }

    /** The processes started so far, alive or not, oldest first. */
    public List<OwnedProcess> processes() {
        return List.copyOf(processes);
    }

    /** Stops every process still alive; later calls do nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stopAll(GRACE);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down and the hook runs (or ran) anyway.
        }
    }

    private void stopAll(Duration grace) {
        List<OwnedProcess> newestFirst = new ArrayList<>(processes);
        Collections.reverse(newestFirst);
        for (OwnedProcess p : newestFirst) {
            if (p.isAlive()) {
                p.stop(grace);
            }
        }
    }

    private void recordPid(Process process) {
        String line =
                process.pid()
                        + " "
                        + process.info().startInstant().map(Instant::toEpochMilli).orElse(-1L)
                        + "\n";
        try {
            Files.writeString(
                    directory.resolve(PID_FILE),
                    line,
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot record the PID of " + process, e);
        }
    }

    private static void killLeftovers(Path pidFile) {
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + pidFile, e);
        }
        for (String line : lines) {
            String[] parts = line.trim().split(" ");
            if (parts.length != 2) {
                continue;
            }
            long pid = Long.parseLong(parts[0]);
            long started = Long.parseLong(parts[1]);
            Optional<ProcessHandle> handle = ProcessHandle.of(pid);
            if (handle.isPresent()
                    && handle.get().info().startInstant().map(Instant::toEpochMilli).orElse(-2L)
                            == started) {
                handle.get().destroyForcibly();
                try {
                    handle.get().onExit().get(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while killing leftover pid " + pid, e);
                } catch (ExecutionException | TimeoutException e) {
                    throw new IllegalStateException("Leftover pid " + pid + " did not end after SIGKILL", e);
                }
            }
        }
    }

    static void deleteRecursively(Path directory) {
        try {
            FileUtils.deleteDirectory(directory.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + directory, e);
        }
    }
}
