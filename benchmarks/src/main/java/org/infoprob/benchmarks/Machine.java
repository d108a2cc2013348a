package org.infoprob.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What the figures were measured on: cores, CPU model, memory, JVM. */
final class Machine {

    private Machine() {}

    static String describe() {
        return String.format(
                Locale.ROOT,
                "%d cores (nproc), %s, %s RAM, Java %s (%s)",
                Runtime.getRuntime().availableProcessors(),
                cpuModel(),
                memory(),
                System.getProperty("java.version"),
                System.getProperty("java.vm.name"));
    }

    private static String cpuModel() {
        for (String line : lines("/proc/cpuinfo")) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return System.getProperty("os.arch");
    }

    private static String memory() {
        for (String line : lines("/proc/meminfo")) {
            if (line.startsWith("MemTotal:")) {
                long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                return String.format(Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0);
            }
        }
        return "unknown";
    }

    /** Load averages from /proc/loadavg, to show how busy the machine was. */
    static String load() {
        List<String> l = lines("/proc/loadavg");
        return l.isEmpty() ? "unknown" : String.join(" ", List.of(l.get(0).split(" ")).subList(0, 3));
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException e) {
            return List.of();
        }
    }
}
