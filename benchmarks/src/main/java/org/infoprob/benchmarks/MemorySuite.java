package org.infoprob.benchmarks;

import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.api.common.typeinfo.Types;
import org.infoprob.information.InformationFunction;
import org.infoprob.model.ClassEvent;
import org.infoprob.model.RarityEvent;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * P8: heap bytes of the surprisal operator's state, per (key, class) and per key, on Flink's
 * heap state backend (the real operator in a test harness). The state is filled with
 * {@code keys} keys and V classes each, for V = {@value #FEW} and V = {@value #MANY}; the used
 * heap after a full GC, less that of the same harness before any event, gives
 *
 * <pre>
 *   bytes per (key, class) = (heap(MANY) - heap(FEW)) / (keys (MANY - FEW))
 *   bytes per key          = heap(FEW) / keys - FEW * bytes per (key, class)
 * </pre>
 *
 * Key strings are held by the benchmark throughout, so they are not counted; class names are
 * decoded afresh for every event (as from Kafka), so the names a key's state keeps are.
 */
final class MemorySuite {

    static final int FEW = 4;
    static final int MANY = 16;

    private MemorySuite() {}

    static List<Row> run(Settings s) throws Exception {
        int keys = s.memoryKeys();
        String[] keyNames = KeyedSuite.names("user-", keys);
        String[] classNames = KeyedSuite.names("class-", MANY);
        double few = stateBytes(keyNames, classNames, FEW);
        double many = stateBytes(keyNames, classNames, MANY);
        double perClass = (many - few) / ((double) keys * (MANY - FEW));
        double perKey = few / keys - FEW * perClass;
        return List.of(
                new Row("P8", String.format(Locale.ROOT,
                                "surprisal state on heap, bytes per (key, class) and per key (%,d keys, %d and %d classes)",
                                keys, FEW, MANY),
                        String.format(Locale.ROOT, "%.1f B per (key, class) + %.0f B per key", perClass, perKey),
                        "<= 16 B + 64 B",
                        perClass <= 16 && perKey <= 64));
    }

    /** Heap bytes that {@code keys} keys with {@code v} classes each add to an empty harness. */
    private static double stateBytes(String[] keys, String[] classNames, int v) throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, ClassEvent, RarityEvent> h =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        InformationFunction.builder().build(), ClassEvent.keySelector(), Types.STRING);
        try {
            long before = usedAfterGc();
            long ts = 1_700_000_000_000L;
            for (String key : keys) {
                for (int c = 0; c < v; c++) {
                    byte[] utf8 = classNames[c].getBytes(StandardCharsets.UTF_8);
                    h.processElement(ClassEvent.of(key, ts, new String(utf8, StandardCharsets.UTF_8)), ts);
                }
                h.getOutput().clear();
            }
            return usedAfterGc() - before;
        } finally {
            h.close();
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
