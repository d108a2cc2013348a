package org.infoprob.serde;

import org.apache.flink.annotation.PublicEvolving;
import org.infoprob.model.ClassDistribution;

import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * Writes a {@link ClassDistribution} (a key's classes with their scores, from the window variant
 * or the periodic distribution output of the information operator):
 *
 * <pre>{@code
 * {"key":"user-1","ts":59999,"windowStart":0,"windowEnd":60000,"total":10.0,"distinct":3,
 *  "entropy":0.98,"unseenProbability":0.0769,"unseenRarity":0.52,"countError":0.0,
 *  "classes":[{"class":"login","count":6.0,"countError":0.0,"probability":0.5385,"surprisal":0.619,"score":0.0,"rarity":0.09},…]}
 * }</pre>
 *
 * Window bounds appear only for window results.
 */
@PublicEvolving
public final class ClassDistributionSerializer extends JsonRecordWriter<ClassDistribution> {

    private static final long serialVersionUID = 1L;

    @Override
    void write(JsonGenerator g, ClassDistribution d) throws IOException {
        startRecord(g, d.key, d.ts);
        if (d.windowStart != null) {
            g.writeNumberField("windowStart", d.windowStart);
            g.writeNumberField("windowEnd", d.windowEnd);
        }
        g.writeNumberField("total", d.total);
        g.writeNumberField("distinct", d.distinct);
        g.writeNumberField("entropy", d.entropy);
        g.writeNumberField("unseenProbability", d.unseenProbability);
        g.writeNumberField("unseenRarity", d.unseenRarity);
        g.writeNumberField("countError", d.countError);
        g.writeArrayFieldStart("classes");
        for (int i = 0; i < d.classNames.length; i++) {
            g.writeStartObject();
            g.writeStringField("class", d.classNames[i]);
            g.writeNumberField("count", d.counts[i]);
            g.writeNumberField("countError", d.countErrors[i]);
            g.writeNumberField("probability", d.probabilities[i]);
            g.writeNumberField("surprisal", d.surprisals[i]);
            g.writeNumberField("score", d.scores[i]);
            g.writeNumberField("rarity", d.rarities[i]);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
