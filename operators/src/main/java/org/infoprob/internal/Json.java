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
 *
 * <p>Reading is strict where a lenient reader would silently change a record: comments, single
 * quotes and unquoted names are errors (Jackson's defaults). A field twice in one object is
 * found by the decoders themselves (they see every name anyway, and Jackson's {@code
 * STRICT_DUPLICATE_DETECTION} allocates a set per object: about 280 ns more per record of 10
 * named scores). Limits: nesting
 * depth {@value #MAX_NESTING_DEPTH}, numbers of at most {@value #MAX_NUMBER_LENGTH} characters;
 * the record size limit of the decoders bounds everything else.
 */
@Internal
public final class Json {

    /** Shared factory; parsers and generators made from it are per call and not thread-safe. */
    public static final JsonFactory FACTORY = create();

    /** Deepest nesting of arrays and objects a record may have. */
    public static final int MAX_NESTING_DEPTH = 64;

    /** Longest number literal, in characters. */
    public static final int MAX_NUMBER_LENGTH = 400;

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
                StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .build());
        return b.build();
    }

    private Json() {}
}
