package org.infoprob.window;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScoreAccumulatorTest {

    @Test
    void isAPojoWithoutGenericFields() {
        TypeInformation<ScoreAccumulator> info = TypeInformation.of(ScoreAccumulator.class);

        assertThat(info).as("type information").isInstanceOf(PojoTypeInfo.class);
        PojoTypeInfo<ScoreAccumulator> pojo = (PojoTypeInfo<ScoreAccumulator>) info;
        for (int i = 0; i < pojo.getArity(); i++) {
            assertThat(pojo.getTypeAt(i)).as("field %s", pojo.getPojoFieldAt(i).getField().getName())
                    .isNotInstanceOf(GenericTypeInfo.class);
        }
    }

    @Test
    void survivesSerializationWithGenericTypesDisabled() throws Exception {
        ScoreAccumulator acc = new ScoreAccumulator();
        acc.key = "k";
        acc.maxTs = 5L;
        acc.count = 2;
        acc.classes = new String[] {"a", "b"};
        acc.sums = new double[] {1.0, 6.0};
        acc.compensations = new double[] {0.0, 1e-17};
        acc.counts = new long[] {1, 2};
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        TypeSerializer<ScoreAccumulator> serializer = TypeInformation.of(ScoreAccumulator.class).createSerializer(config);

        ScoreAccumulator copy =
                InstantiationUtil.deserializeFromByteArray(serializer, InstantiationUtil.serializeToByteArray(serializer, acc));

        assertThat(copy).as("copy").usingRecursiveComparison().isEqualTo(acc);
    }

    @Test
    void compensationKeepsWhatThePlainSumRoundsAway() {
        // 1 + 1e-16 rounds to 1; the compensation keeps the 1e-16, so the total is 1 + 2e-16 after two.
        ScoreAccumulator acc = new ScoreAccumulator();
        acc.grow(1);
        acc.add(0, 1.0, 0.0, 1);
        acc.add(0, 1e-16, 0.0, 1);
        acc.add(0, 1e-16, 0.0, 1);

        assertThat(acc.sums[0]).as("plain sum").isEqualTo(1.0);
        assertThat(acc.total(0)).as("compensated total").isEqualTo(1.0 + 2e-16);
        assertThat(acc.counts[0]).as("count").isEqualTo(3);
    }

    @Test
    void infiniteSumsStayInfiniteInsteadOfNaN() {
        ScoreAccumulator acc = new ScoreAccumulator();
        acc.grow(1);
        acc.add(0, 0.1, 0.0, 1);
        acc.add(0, Double.NEGATIVE_INFINITY, 0.0, 1);
        acc.add(0, 0.3, 0.0, 1);

        assertThat(acc.total(0)).as("total").isEqualTo(Double.NEGATIVE_INFINITY);
    }
}
