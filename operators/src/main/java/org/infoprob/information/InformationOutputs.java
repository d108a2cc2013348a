package org.infoprob.information;

import org.infoprob.math.DistributionScores;
import org.infoprob.math.EventScores;
import org.infoprob.math.InformationScorer;
import org.infoprob.model.ClassDistribution;
import org.infoprob.model.ClassEvent;
import org.infoprob.model.RarityEvent;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The outputs of the information operators from {@link ClassCounts} and {@link
 * InformationScorer}: the {@link RarityEvent} of the running operator and the {@link
 * ClassDistribution} of both.
 */
final class InformationOutputs {

    private InformationOutputs() {}

    /**
     * The scores of {@code event} (of class index {@code x}, -1 if not held) against {@code
     * counts}, before it is counted; {@code scores} is scratch space. {@code ts} is left unset.
     */
    static RarityEvent rarityEvent(
            InformationScorer scorer, EventScores scores, ClassCounts counts, int x, ClassEvent event) {
        counts.score(scorer, x, scores);
        RarityEvent e = new RarityEvent();
        e.key = event.key;
        e.className = event.className;
        e.count = scores.count();
        // Held: the count overestimates by at most the class's error; not held: it weighed at most F.
        e.countError = x < 0 ? counts.errorBound() : Math.min(counts.error(x), scores.count());
        e.total = scores.total();
        e.distinct = scores.distinct();
        e.probability = scores.probability();
        e.surprisal = scores.surprisal();
        e.surprisalBits = scores.surprisalBits();
        e.score = scores.score();
        e.rarity = scores.rarity();
        e.entropy = scores.entropy();
        e.oneIn = scores.oneIn();
        e.firstSeen = scores.firstSeen();
        e.reference = scores.referenceIndex() < 0 ? event.className : counts.name(scores.referenceIndex());
        return e;
    }

    /**
     * Every class held in {@code counts}, scored by {@code scorer} as of the factor {@code s}
     * from weights to counts, ordered by count, largest first (ties by name); of key {@code key}
     * at time {@code ts}.
     */
    static ClassDistribution distribution(
            InformationScorer scorer, ClassCounts counts, double s, String key, Long ts) {
        int n = counts.size;
        DistributionScores r =
                scorer.distribution(counts.weights, counts.events, counts.errorsOrNull(), n, counts.total, s);
        String[] names = counts.names;
        double[] g = counts.weights;
        Integer[] order = new Integer[n];
        for (int j = 0; j < n; j++) {
            order[j] = j;
        }
        Arrays.sort(order, Comparator.<Integer>comparingDouble(j -> -g[j]).thenComparing(j -> names[j]));
        ClassDistribution d = new ClassDistribution();
        d.key = key;
        d.ts = ts;
        d.classNames = new String[n];
        d.counts = new double[n];
        d.countErrors = new double[n];
        d.probabilities = new double[n];
        d.surprisals = new double[n];
        d.scores = new double[n];
        d.rarities = new double[n];
        for (int i = 0; i < n; i++) {
            int j = order[i];
            d.classNames[i] = names[j];
            d.counts[i] = r.counts()[j];
            d.countErrors[i] = Math.min(counts.errorWeight(j) * s, d.counts[i]);
            d.probabilities[i] = r.probabilities()[j];
            d.surprisals[i] = r.surprisals()[j];
            d.scores[i] = r.scores()[j];
            d.rarities[i] = r.rarities()[j];
        }
        d.total = r.total();
        d.distinct = n;
        d.unseenProbability = r.unseenProbability();
        d.unseenRarity = r.unseenRarity();
        d.entropy = r.entropy();
        d.countError = counts.floorWeight() * s;
        return d;
    }
}
