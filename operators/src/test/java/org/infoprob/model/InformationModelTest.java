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
    void keySelectorMapsANullKeyToEmpty() throws Exception {
        assertThat(ClassEvent.keySelector().getKey(ClassEvent.of(null, 1L, "a"))).isEmpty();
        assertThat(ClassEvent.keySelector().getKey(ClassEvent.of("k", 1L, "a"))).isEqualTo("k");
    }
}
