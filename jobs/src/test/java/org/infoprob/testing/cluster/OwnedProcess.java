package org.infoprob.testing.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One child process started by {@link OwnedProcesses}: its name, PID and log file, and the two
 * ways to end it. Only {@link OwnedProcesses} creates these.
 */
public final class OwnedProcess {

    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final Process process;
    private final Path log;

    OwnedProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    /** The file that receives the process's stdout and stderr. */
    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Sends SIGKILL (as {@code kill -9}) and waits until the process is gone: no shutdown hook
     * runs, sockets close only because the kernel closes them.
     *
     * @throws IllegalStateException if the process is still there after 30 seconds
     */
    public void kill() {
        process.destroyForcibly();
        awaitExit(KILL_TIMEOUT);
    }

    /**
     * Sends SIGTERM, waits up to {@code grace} for the process to stop cleanly, then kills it.
     * The process's own children, if any, are ended the same way first.
     */
    void stop(Duration grace) {
        List<ProcessHandle> children = process.descendants().toList();
        children.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        awaitExit(KILL_TIMEOUT);
    }

    /**
     * Waits for the process to end by itself and returns its exit code.
     *
     * @throws IllegalStateException if it is still running after {@code timeout}; it is then
     *     killed
     */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        name + " (pid " + pid() + ") did not end within " + timeout + "; killed it. Log: " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("Interrupted while waiting for " + name, e);
        }
        return process.exitValue();
    }

    /** The last {@code lines} lines of the log, for failure messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + pid() + (isAlive() ? "" : ", ended") + ")";
    }
}
