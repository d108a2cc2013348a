package org.infoprob.model;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The events are Flink POJOs: serialized field by field, never through Kryo. */
class ModelTypesTest {

    @ParameterizedTest
    @ValueSource(
            classes = {
                ScoreEvent.class,
                BinaryScoreEvent.class,
                ProbabilityEvent.class,
                DeadLetter.class
            })
    void typeIsAPojoWithoutGenericFields(Class<?> type) {
        TypeInformation<?> info = TypeInformation.of(type);

        assertThat(info).as("type information of %s", type.getSimpleName()).isInstanceOf(PojoTypeInfo.class);
        PojoTypeInfo<?> pojo = (PojoTypeInfo<?>) info;
        for (int i = 0; i < pojo.getArity(); i++) {
            assertThat(pojo.getTypeAt(i))
                    .as("field %s of %s", pojo.getPojoFieldAt(i).getField().getName(), type.getSimpleName())
                    .isNotInstanceOf(GenericTypeInfo.class);
        }
    }

    @Test
    void scoreEventSurvivesSerializationWithGenericTypesDisabled() throws Exception {
        ScoreEvent e = ScoreEvent.of("k", 7L, new String[] {"a", "b"}, new double[] {1.5, Double.NEGATIVE_INFINITY});
        e.topic = "scores";
        e.partition = 3;
        e.offset = 42L;

        assertThat(roundTrip(e, ScoreEvent.class)).as("copy through the POJO serializer").isEqualTo(e);
    }

    @Test
    void binaryScoreEventSurvivesSerializationWithGenericTypesDisabled() throws Exception {
        BinaryScoreEvent e = BinaryScoreEvent.of("k", 7L, -0.25);

        assertThat(roundTrip(e, BinaryScoreEvent.class)).as("copy through the POJO serializer").isEqualTo(e);
    }

    @Test
    void probabilityEventSurvivesSerializationWithNullAndNaNFields() throws Exception {
        ProbabilityEvent e = new ProbabilityEvent();
        e.key = "k";
        e.ts = 9L;
        e.classes = new String[] {"a", "b"};
        e.probabilities = new double[] {0.25, 0.75};
        e.top = "b";
        e.topProbability = 0.75;
        e.entropy = Double.NaN;
        e.margin = 0.5;
        e.windowStart = 0L;
        e.windowEnd = 10L;
        e.count = 2L;

        assertThat(roundTrip(e, ProbabilityEvent.class)).as("copy through the POJO serializer").isEqualTo(e);
    }

    @Test
    void deadLetterKeepsEveryFieldThroughThePojoSerializer() throws Exception {
        DeadLetter d = DeadLetter.of(Reason.INVALID_KEY, "bad key", "decode", "/w==", 5L, "t", 1, 2L, "{}");
        d.keyBase64 = true;
        d.keyTruncated = true;
        d.payloadTruncated = true;
        d.originalSize = 3;
        d.payloadSha256 = "ab";
        assertThat(roundTrip(d, DeadLetter.class)).as("copy through the POJO serializer").isEqualTo(d);
    }




    private static <T> T roundTrip(T value, Class<T> type) throws Exception {
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        TypeSerializer<T> serializer = TypeInformation.of(type).createSerializer(config);
        byte[] bytes = InstantiationUtil.serializeToByteArray(serializer, value);
        return InstantiationUtil.deserializeFromByteArray(serializer, bytes);
    }
}
