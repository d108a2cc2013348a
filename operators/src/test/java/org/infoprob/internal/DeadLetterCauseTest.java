package org.infoprob.internal;

import org.infoprob.math.Ranking;
import org.infoprob.math.Softmax;
import org.infoprob.math.Surprisal;
import org.infoprob.model.Reason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The reason code for each refusal of the math core. */
class DeadLetterCauseTest {

    @Test
    void invalidScoresMapToTheirReasonByKind() {
        assertThat(reasonOf(() -> Softmax.probabilities(new double[] {Double.NaN})))
                .isEqualTo(Reason.NON_FINITE_SCORE);
        assertThat(reasonOf(() -> Softmax.probabilities(new double[] {Double.NEGATIVE_INFINITY})))
                .isEqualTo(Reason.ALL_NEGATIVE_INFINITY);
        assertThat(reasonOf(() -> Softmax.probabilities(new double[0]))).isEqualTo(Reason.EMPTY_SCORES);
    }

    @Test
    void badArgumentsAreOutOfRange() {
        assertThat(reasonOf(() -> Softmax.probabilities(new double[] {1.0}, 0.0))).isEqualTo(Reason.OUT_OF_RANGE);
        assertThat(reasonOf(() -> Ranking.topK(new double[] {1.0}, 0))).isEqualTo(Reason.OUT_OF_RANGE);
        assertThat(reasonOf(() -> Surprisal.nats(5, 4, 2, 1))).isEqualTo(Reason.OUT_OF_RANGE);
    }

    @Test
    void jsonErrorsMapToTheirReason() throws Exception {
        assertThat(jsonCause("[".repeat(100)).reason()).isEqualTo(Reason.JSON_LIMIT_EXCEEDED);
        assertThat(jsonCause("{\"a\":" + "1".repeat(500) + "}").reason()).isEqualTo(Reason.JSON_LIMIT_EXCEEDED);
        // Newer Jacksons check escapes in names themselves (Flink's relocated 2.20 does not; the
        // decoders check every name either way): their message maps to INVALID_UNICODE.
        assertThat(DeadLetterCause.ofJson(new org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonParseException(
                        null, "Broken surrogate pair in field name: expected '\\' to start low surrogate, got 0x78"))
                .reason()).isEqualTo(Reason.INVALID_UNICODE);
        assertThat(jsonCause("{\"a\":}").reason()).isEqualTo(Reason.INVALID_JSON);
        assertThat(jsonCause("{\"a\":}").message()).startsWith("Record is not valid JSON: Unexpected character");
        assertThat(DeadLetterCause.ofJson(new java.io.CharConversionException("Invalid UTF-32 character")).reason())
                .isEqualTo(Reason.INVALID_UTF8);
        assertThat(DeadLetterCause.ofJson(new java.io.IOException("disk")).reason()).isEqualTo(Reason.INVALID_JSON);
    }

    @Test
    void unexpectedExceptionsAreDecoderErrorsNamingTheException() {
        assertThat(DeadLetterCause.unexpected(new IllegalStateException("boom")))
                .isEqualTo(new DeadLetterCause(Reason.DECODER_ERROR, "Decoder failed unexpectedly: java.lang.IllegalStateException: boom"));
    }

    /** The cause for the first error Jackson (with the library's factory) reports on {@code json}. */
    private static DeadLetterCause jsonCause(String json) throws Exception {
        try (org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonParser p = Json.FACTORY.createParser(json)) {
            while (p.nextToken() != null) {
                // read to the first error
            }
        } catch (java.io.IOException e) {
            return DeadLetterCause.ofJson(e);
        }
        throw new AssertionError("Jackson accepted " + json);
    }

    private static Reason reasonOf(Runnable refused) {
        IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class, refused::run);
        assertThat(e).as("the math core refuses").isNotNull();
        return DeadLetterCause.reasonOf(e);
    }
}
