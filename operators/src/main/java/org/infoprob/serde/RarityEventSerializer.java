package org.infoprob.serde;

import org.apache.flink.annotation.PublicEvolving;
import org.infoprob.model.RarityEvent;

import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * Writes a {@link RarityEvent} as the rarity JSON of docs/DESIGN.md:
 *
 * <pre>{@code
 * {"key":"user-1","ts":1732752000000,"class":"login_failed","count":0.0,"countError":0.0,"total":9.0,
 *  "distinct":2,"probability":0.0833,"surprisal":2.4849,"surprisalBits":3.5850,"score":1.7918,
 *  "rarity":0.7317,"entropy":0.9184,"oneIn":12.0,"firstSeen":true,"reference":"login","warmingUp":false}
 * }</pre>
 */
@PublicEvolving
public final class RarityEventSerializer extends JsonRecordWriter<RarityEvent> {

    private static final long serialVersionUID = 1L;

    @Override
    void write(JsonGenerator g, RarityEvent e) throws IOException {
        startRecord(g, e.key, e.ts);
        g.writeStringField("class", e.className);
        g.writeNumberField("count", e.count);
        g.writeNumberField("countError", e.countError);
        g.writeNumberField("total", e.total);
        g.writeNumberField("distinct", e.distinct);
        g.writeNumberField("probability", e.probability);
        g.writeNumberField("surprisal", e.surprisal);
        g.writeNumberField("surprisalBits", e.surprisalBits);
        g.writeNumberField("score", e.score);
        g.writeNumberField("rarity", e.rarity);
        g.writeNumberField("entropy", e.entropy);
        g.writeNumberField("oneIn", e.oneIn);
        g.writeBooleanField("firstSeen", e.firstSeen);
        g.writeStringField("reference", e.reference);
        g.writeBooleanField("warmingUp", e.warmingUp);
        g.writeEndObject();
    }
}
