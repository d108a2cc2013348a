package org.infoprob.serde;

import org.infoprob.model.RarityEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class RarityEventSerializerTest {

    @Test
    void writesTheDesignFields() {
        RarityEvent e = new RarityEvent();
        e.key = "user-1";
        e.ts = 5L;
        e.className = "login_failed";
        e.count = 0;
        e.countError = 0.125;
        e.total = 9;
        e.distinct = 2;
        e.probability = 0.25;
        e.surprisal = 1.5;
        e.surprisalBits = 2.0;
        e.score = 0.5;
        e.rarity = 0.75;
        e.entropy = 1.0;
        e.oneIn = 4.0;
        e.firstSeen = true;
        e.reference = "login";
        e.warmingUp = true;
        RarityEventSerializer json = new RarityEventSerializer();
        String first = new String(json.serialize(e), StandardCharsets.UTF_8);
        assertThat(first)
                .isEqualTo(
                        "{\"key\":\"user-1\",\"ts\":5,\"class\":\"login_failed\",\"count\":0.0,\"countError\":0.125,\"total\":9.0,\"distinct\":2,"
                                + "\"probability\":0.25,\"surprisal\":1.5,\"surprisalBits\":2.0,\"score\":0.5,\"rarity\":0.75,"
                                + "\"entropy\":1.0,\"oneIn\":4.0,\"firstSeen\":true,\"reference\":\"login\",\"warmingUp\":true}");
        assertThat(new String(json.serialize(e), StandardCharsets.UTF_8)).isEqualTo(first);
    }
}
