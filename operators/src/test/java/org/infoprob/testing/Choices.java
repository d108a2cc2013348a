package org.infoprob.testing;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;

import java.io.ByteArrayOutputStream;
import java.util.SplittableRandom;

/**
 * The choices a test-input generator makes: Jazzer's ({@link #of(FuzzedDataProvider)},
 * coverage-guided), or pseudo-random ones from a seeded generator, recorded as the fuzzer data
 * that replays them ({@link #recording(SplittableRandom)}). The recordings are the committed
 * seed corpus of the {@code @FuzzTest} targets, and turn a failing pseudo-random input into a
 * regression input.
 *
 * <p>The recording follows {@code FuzzedDataProvider}'s layout: byte arrays are taken from the
 * front of the data, integers from the back (big-endian, as many bytes as the range needs,
 * returned as they are when they are in range), and {@link #rest} takes what remains of the
 * front. {@code ChoicesTest} replays recordings through Jazzer's own provider.
 */
public interface Choices {

    /** A value in [0, bound), bound >= 1. */
    int nextInt(int bound);

    /** A value in [0, bound), bound >= 1. */
    long nextLong(long bound);

    /** Any of the 2^64 longs. */
    long nextLong();

    /** {@code length} bytes (fewer when the fuzzer's data runs out). */
    byte[] bytes(int length);

    /** The last choice: the remaining bytes (at most {@code maxLength} from a pseudo-random source). */
    byte[] rest(int maxLength);

    /** One of {@code values}. */
    @SafeVarargs
    static <T> T pick(Choices c, T... values) {
        return values[c.nextInt(values.length)];
    }

    /** The fuzzer's choices. */
    static Choices of(FuzzedDataProvider data) {
        return new Choices() {
            @Override
            public int nextInt(int bound) {
                return data.consumeInt(0, bound - 1);
            }

            @Override
            public long nextLong(long bound) {
                return data.consumeLong(0, bound - 1);
            }

            @Override
            public long nextLong() {
                return data.consumeLong();
            }

            @Override
            public byte[] bytes(int length) {
                return data.consumeBytes(length);
            }

            @Override
            public byte[] rest(int maxLength) {
                return data.consumeRemainingAsBytes();
            }
        };
    }

    /** Pseudo-random choices, recorded: {@link Recording#bytes()} makes the fuzzer make them again. */
    static Recording recording(SplittableRandom random) {
        return new Recording(random);
    }

    /**
     * A recording of choices written one by one: {@link Recording#integer},
     * {@link Recording#bytes(byte[])}, {@link Recording#rest(byte[])}.
     */
    static Recording recording() {
        return new Recording(null);
    }

    /** Choices, pseudo-random or written, and the {@code FuzzedDataProvider} data that replays them. */
    final class Recording implements Choices {

        private final SplittableRandom random;
        private final ByteArrayOutputStream front = new ByteArrayOutputStream();
        private final ByteArrayOutputStream back = new ByteArrayOutputStream();
        private boolean ended;

        private Recording(SplittableRandom random) {
            this.random = random;
        }

        @Override
        public int nextInt(int bound) {
            int v = random.nextInt(bound);
            integer(v, bound - 1L);
            return v;
        }

        @Override
        public long nextLong(long bound) {
            long v = random.nextLong(bound);
            integer(v, bound - 1);
            return v;
        }

        @Override
        public long nextLong() {
            long v = random.nextLong();
            integer(v, -1L);
            return v;
        }

        @Override
        public byte[] bytes(int length) {
            byte[] b = new byte[length];
            random.nextBytes(b);
            return bytes(b);
        }

        @Override
        public byte[] rest(int maxLength) {
            byte[] b = new byte[random.nextInt(maxLength + 1)];
            random.nextBytes(b);
            return rest(b);
        }

        /** Records {@code b} as the next byte array. */
        public byte[] bytes(byte[] b) {
            requireOpen();
            front.writeBytes(b);
            return b;
        }

        /** Records {@code b} as the remaining bytes; no choice may follow. */
        public byte[] rest(byte[] b) {
            bytes(b);
            ended = true;
            return b;
        }

        /**
         * Records {@code v} as the next integer of the range [0, max] ({@code max} unsigned: -1 is
         * the whole 64 bits): big-endian in as many bytes as {@code max} has, consumed from the
         * back.
         */
        public void integer(long v, long max) {
            requireOpen();
            for (int i = bytesOf(max) - 1; i >= 0; i--) {
                back.write((int) (v >>> (8 * i)) & 0xFF);
            }
        }

        /** The data that makes a {@code FuzzedDataProvider} return the recorded choices. */
        public byte[] bytes() {
            byte[] tail = back.toByteArray();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(front.toByteArray());
            for (int i = tail.length - 1; i >= 0; i--) {
                out.write(tail[i]);
            }
            return out.toByteArray();
        }

        private static int bytesOf(long max) {
            int n = 0;
            while (n < 8 && (max >>> (8 * n)) != 0) {
                n++;
            }
            return n;
        }

        private void requireOpen() {
            if (ended) {
                throw new IllegalStateException("rest() must be the last choice");
            }
        }
    }
}
