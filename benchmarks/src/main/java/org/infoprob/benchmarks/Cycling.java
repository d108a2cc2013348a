package org.infoprob.benchmarks;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.util.function.SerializableFunction;

import java.util.SplittableRandom;

/**
 * An in-memory source that cycles over records generated once, when the source opens, from a
 * fixed seed: no random numbers are drawn per record, so the source costs the same for every
 * pipeline it feeds.
 */
final class Cycling {

    /** Records generated per source; a power of two, so the index is a mask. */
    static final int POOL = 1 << 14;

    private Cycling() {}

    /** An endless source cycling over {@link #POOL} records made by {@code make}. */
    static <T> DataGeneratorSource<T> source(
            SerializableFunction<SplittableRandom, T> make, TypeInformation<T> type) {
        return new DataGeneratorSource<>(new Generator<>(make), Long.MAX_VALUE, type);
    }

    private static final class Generator<T> implements GeneratorFunction<Long, T> {

        private static final long serialVersionUID = 1L;

        private final SerializableFunction<SplittableRandom, T> make;
        private transient Object[] pool;

        Generator(SerializableFunction<SplittableRandom, T> make) {
            this.make = make;
        }

        @Override
        public void open(SourceReaderContext readerContext) throws Exception {
            SplittableRandom random = new SplittableRandom(42);
            pool = new Object[POOL];
            for (int i = 0; i < POOL; i++) {
                pool[i] = make.apply(random);
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public T map(Long index) {
            return (T) pool[(int) (index & (POOL - 1))];
        }
    }
}
