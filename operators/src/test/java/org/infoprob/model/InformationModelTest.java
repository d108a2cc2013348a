package org.infoprob.model;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.infoprob.information.ClassCountAccumulator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InformationModelTest {

    @Test
    void modelsAreFlinkPojos() {
        for (Class<?> type :
                new Class<?>[] {
                    ClassEvent.class,
                    RarityEvent.class,
                    ClassDistribution.class,
                    ClassCountAccumulator.class
                }) {
            assertThat(TypeInformation.of(type))
                    .as("%s must be serialized as a POJO, not by Kryo", type.getSimpleName())
                    .isInstanceOf(PojoTypeInfo.class);
        }
    }

    @Test
    void classEventDefaultsToWeightOne() {
        assertThat(new ClassEvent().weight).isEqualTo(1.0);
        assertThat(ClassEvent.of("k", 1L, "a").weight).isEqualTo(1.0);
    }

    @Test
    void classEventRendersCompactJsonWithTheClassField() {
        ClassEvent e = ClassEvent.of("user \"1\"", 5L, "a\\b\n", Double.NaN);
        e.topic = "t";
        e.partition = 3;
        e.offset = 42L;
        assertThat(e.toJson())
                .isEqualTo(
                        "{\"key\":\"user \\\"1\\\"\",\"ts\":5,\"class\":\"a\\\\b\\n\","
                                + "\"weight\":\"NaN\"}");
        assertThat(ClassEvent.of(null, null, "x", 2.0).toJson())
                .as("null fields are written as null, like the score events do")
                .isEqualTo("{\"key\":null,\"ts\":null,\"class\":\"x\",\"weight\":2.0}");
    }

    @Test
    void keySelectorMapsANullKeyToEmpty() throws Exception {
        assertThat(ClassEvent.keySelector().getKey(ClassEvent.of(null, 1L, "a"))).isEmpty();
        assertThat(ClassEvent.keySelector().getKey(ClassEvent.of("k", 1L, "a"))).isEqualTo("k");
    }
}
