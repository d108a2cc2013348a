package org.infoprob.testing.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cluster test's process ownership: every child ends, also one a crashed run left behind. */
class OwnedProcessesTest {

    /** A child process that does nothing for a minute, unless ended earlier. */
    public static final class Idle {
        public static void main(String[] args) throws InterruptedException {
            System.out.println("idle " + ProcessHandle.current().pid());
            Thread.sleep(60_000);
        }
    }

    private static JavaCommand idle() {
        return JavaCommand.main(Idle.class.getName()).classpath(System.getProperty("java.class.path"));
    }

    @Test
    void closeEndsEveryProcessStillRunning(@TempDir Path dir) {
        OwnedProcess first;
        OwnedProcess second;
        try (OwnedProcesses processes = OwnedProcesses.in(dir.resolve("run"))) {
            first = processes.start("first", idle());
            second = processes.start("second", idle());
            assertThat(first.isAlive()).as("first child while owned").isTrue();
            assertThat(second.isAlive()).as("second child while owned").isTrue();
        }
        assertThat(first.isAlive()).as("first child after close").isFalse();
        assertThat(second.isAlive()).as("second child after close").isFalse();
    }

    @Test
    void killEndsTheProcessAtOnceAndNamesMustBeUnique(@TempDir Path dir) {
        try (OwnedProcesses processes = OwnedProcesses.in(dir.resolve("run"))) {
            OwnedProcess child = processes.start("child", idle());
            child.kill();
            assertThat(child.isAlive()).as("child after kill -9").isFalse();
            assertThat(child.awaitExit(Duration.ofSeconds(1)))
                    .as("exit code of a SIGKILLed process: 128 + 9")
                    .isEqualTo(137);
            assertThatThrownBy(() -> processes.start("child", idle()))
                    .as("a second process of the same name")
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("child");
        }
    }

    @Test
    void aNewOwnerKillsWhatACrashedRunLeftInTheSameDirectory(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        // A child that no owner will stop, as after a test JVM killed with SIGKILL: started
        // directly, and recorded in the PID file as OwnedProcesses records its own.
        Process orphan =
                new ProcessBuilder(idle().commandLine()).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            Files.createDirectories(run);
            long started = orphan.info().startInstant().map(Instant::toEpochMilli).orElseThrow();
            Files.writeString(
                    run.resolve("owned-pids.txt"),
                    orphan.pid() + " " + started + "\n",
                    StandardCharsets.UTF_8);
            Files.writeString(run.resolve("stale.out"), "from the crashed run", StandardCharsets.UTF_8);

            try (OwnedProcesses processes = OwnedProcesses.in(run)) {
                assertThat(orphan.isAlive()).as("the leftover child after a new owner took the directory").isFalse();
                assertThat(Arrays.asList(run.toFile().list()))
                        .as("files of the crashed run")
                        .doesNotContain("stale.out");
            }
        } finally {
            orphan.destroyForcibly();
        }
    }

    @Test
    void aReusedPidWithAnotherStartTimeIsLeftAlone(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        Process unrelated =
                new ProcessBuilder(idle().commandLine()).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            Files.createDirectories(run);
            // The PID file names this PID with a start time one minute earlier: another process.
            long started = unrelated.info().startInstant().map(Instant::toEpochMilli).orElseThrow();
            Files.writeString(
                    run.resolve("owned-pids.txt"),
                    unrelated.pid() + " " + (started - 60_000) + "\n",
                    StandardCharsets.UTF_8);

            try (OwnedProcesses processes = OwnedProcesses.in(run)) {
                assertThat(unrelated.isAlive()).as("a process that merely has a recorded PID").isTrue();
            }
        } finally {
            unrelated.destroyForcibly();
        }
    }

    @Test
    void freePortsAreDistinct() {
        int[] ports = Ports.free(5);
        assertThat(Arrays.stream(ports).distinct().count())
                .as("distinct ports among %s", Arrays.toString(ports))
                .isEqualTo(5);
        assertThat(Arrays.stream(ports).boxed()).as("ports").allMatch(p -> p > 0 && p < 65536);
    }
}
