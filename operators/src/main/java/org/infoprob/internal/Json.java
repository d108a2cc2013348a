package org.infoprob.internal;

import org.apache.flink.annotation.Internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;

/**
 * The one Jackson factory of the library: streaming API only (no databind, no reflection), with
 * the fast double parser and writer switched on. A {@link JsonFactory} is thread-safe and
 * immutable once built, so one static instance serves every operator.
 */
@Internal
public final class Json {

    /** Shared factory; parsers and generators made from it are per call and not thread-safe. */
    public static final JsonFactory FACTORY = create();

    private static JsonFactory create() {
        JsonFactoryBuilder b = new JsonFactoryBuilder();
        b.enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER);
        b.enable(StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER);
        b.enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER);
        // Producers such as Python's json.dumps write NaN/Infinity; read them so that they
        // become NON_FINITE_SCORE (or +-inf by the softmax policy), not INVALID_JSON.
        b.enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS);
        // Serializers reuse one generator for record after record: no " " between root values.
        b.rootValueSeparator((String) null);
        b.streamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(64).maxNumberLength(400).build());
        return b.build();
    }

    private Json() {}
}
