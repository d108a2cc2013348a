package org.infoprob.calibration;

import org.apache.flink.annotation.Internal;
import org.infoprob.internal.DeadLetterCause;
import org.infoprob.internal.DeadLetters;
import org.infoprob.model.BinaryScoreEvent;
import org.infoprob.model.DeadLetter;
import org.infoprob.model.LabelEvent;
import org.infoprob.model.LabelledScores;
import org.infoprob.model.ScoreEvent;

import java.io.Serializable;

/** What the label join needs to know of each score event type: time, label index, rendering. */
@Internal
final class LabelTargets {

    private LabelTargets() {}

    /** One score event type seen by the join. */
    interface Target<E> extends Serializable {
        Class<E> type();

        long ts(E e);

        /** The index of the label's class in the event, or -1 when the event cannot have it. */
        int labelIndex(E e, LabelEvent l);

        /** Why {@link #labelIndex} was -1. */
        String unknownLabel(E e, LabelEvent l);

        LabelledScores labelled(E e, int label);

        DeadLetter reject(DeadLetters deadLetters, DeadLetterCause cause, E e);
    }

    static final Target<ScoreEvent> SCORES = new Scores();
    static final Target<BinaryScoreEvent> BINARY_SCORES = new BinaryScores();

    private static final class Scores implements Target<ScoreEvent> {
        private static final long serialVersionUID = 1L;

        @Override
        public Class<ScoreEvent> type() {
            return ScoreEvent.class;
        }

        @Override
        public long ts(ScoreEvent e) {
            return e.ts;
        }

        @Override
        public int labelIndex(ScoreEvent e, LabelEvent l) {
            if (l.label == null || e.classes == null) {
                return -1;
            }
            for (int i = 0; i < e.classes.length; i++) {
                if (l.label.equals(e.classes[i])) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        public String unknownLabel(ScoreEvent e, LabelEvent l) {
            return l.label == null
                    ? "Label of id '" + l.id + "' is a yes/no answer, but its event has named classes"
                    : "Label '" + l.label + "' of id '" + l.id + "' is not one of the event's " + e.classes.length + " classes";
        }

        @Override
        public LabelledScores labelled(ScoreEvent e, int label) {
            return LabelledScores.of(e.key, e.id, e.ts, e.classes, e.scores, label);
        }

        @Override
        public DeadLetter reject(DeadLetters deadLetters, DeadLetterCause cause, ScoreEvent e) {
            return deadLetters.reject(cause, e);
        }
    }

    private static final class BinaryScores implements Target<BinaryScoreEvent> {
        private static final long serialVersionUID = 1L;

        @Override
        public Class<BinaryScoreEvent> type() {
            return BinaryScoreEvent.class;
        }

        @Override
        public long ts(BinaryScoreEvent e) {
            return e.ts;
        }

        @Override
        public int labelIndex(BinaryScoreEvent e, LabelEvent l) {
            return l.positive == null ? -1 : l.positive ? 1 : 0;
        }

        @Override
        public String unknownLabel(BinaryScoreEvent e, LabelEvent l) {
            return "Label '" + l.label + "' of id '" + l.id + "' is a class name, but its event is a binary score (true/false or 1/0)";
        }

        @Override
        public LabelledScores labelled(BinaryScoreEvent e, int label) {
            return LabelledScores.of(e.key, e.id, e.ts, null, new double[] {e.score}, label);
        }

        @Override
        public DeadLetter reject(DeadLetters deadLetters, DeadLetterCause cause, BinaryScoreEvent e) {
            return deadLetters.reject(cause, e);
        }
    }
}
