package org.infoprob.math;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Conformal prediction sets that keep their coverage under drift: adaptive conformal inference
 * (Gibbs and Candès, "Adaptive Conformal Inference Under Distribution Shift", NeurIPS 2021) on
 * the adaptive prediction set score (Romano, Sesia, Candès, "Classification with Valid and
 * Adaptive Coverage", NeurIPS 2020).
 *
 * <pre>{@code
 * AdaptiveConformal sets = AdaptiveConformal.builder(5).setTargetCoverage(0.9).build();
 * int[] set = new int[5];
 * int size = sets.predict(probabilities, set);        // classes set[0..size), most probable first
 * boolean covered = sets.update(probabilities, label); // when the label arrives
 * }</pre>
 *
 * <h2>Definitions</h2>
 *
 * Order the classes by decreasing probability (ties: lower index first); the score of class
 * {@code y} is the probability mass ranked <em>before</em> it,
 *
 * <pre>
 *   E(p, y) = sum of p[j] over the classes j ranked before y            (0 for the top class)
 *   C_t(p)  = { y : E(p, y) &lt;= tau_t }  = the smallest top-ranked prefix whose mass exceeds tau_t
 *   tau_t   = the ceil((n + 1)(1 - alpha_t))-th smallest of the last n scores E(p_s, y_s),
 *             +inf if that rank exceeds n (the full set), -inf if alpha_t &gt;= 1 (the empty set)
 *   err_t   = 1{ y_t not in C_t(p_t) },     alpha_{t+1} = alpha_t + gamma (alpha - err_t)
 * </pre>
 *
 * {@code tau_t} is the split-conformal quantile of the recent label scores at level {@code 1 -
 * alpha_t}; under exchangeability it alone gives coverage {@code 1 - alpha}. The ACI update
 * moves {@code alpha_t} against every miss and hit, and Gibbs and Candès (Proposition 4.1) show,
 * for <em>any</em> data sequence, that after {@code T} labels
 *
 * <pre>
 *   | (1/T) sum_t err_t - alpha | &lt;= (max(alpha_1, 1 - alpha_1) + gamma) / (gamma T)
 * </pre>
 *
 * With the default {@code gamma = 0.005} (the value Gibbs and Candès use in their experiments)
 * and {@code alpha_1 = alpha = 0.1}, the long-run miscoverage is within {@code 0.905 / (0.005
 * T)}: 1 point after about 18,100 labels, whatever the drift. A larger gamma adapts faster and
 * tightens this bound but makes {@code alpha_t} (and the set sizes) noisier.
 *
 * <p>This is the non-randomised APS: the class that crosses the threshold is always included, so
 * sets are never empty while {@code alpha_t < 1}, and the same scores give the same set
 * (reproducible under replay). Randomised APS would give exact rather than conservative
 * coverage for the static quantile; ACI's feedback makes up for the conservatism anyway.
 * Probabilities are used as given (not renormalised). The score window holds the last {@code
 * capacity} scores (default 1,000), unweighted.
 *
 * <h2>Costs and edge cases</h2>
 *
 * {@link #predict} and {@link #update} rank the classes in {@code O(K log K)} (heap sort on a
 * preallocated index array) and allocate nothing; {@link #update} keeps the window sorted by
 * insertion, {@code O(capacity)} array moves. Before the first label the set is full. A NaN
 * probability throws {@link InvalidScoresException}; a probability outside {@code [0, 1]}, a
 * wrong length, a label outside {@code [0, K)} or a too short set buffer throws {@link
 * IllegalArgumentException}. State: plain arrays and numbers; {@link Serializable}; {@link
 * #copy()}.
 */
public final class AdaptiveConformal implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int classes;
    private final double alpha;
    private final double gamma;
    private final int[] order;
    /** Scores in arrival order (a ring) and the same scores sorted ascending. */
    private final double[] ring;
    private final double[] sorted;
    private int next;
    private int size;
    private double alphaT;

    private AdaptiveConformal(Builder b) {
        this.classes = b.classes;
        this.alpha = 1.0 - b.targetCoverage;
        this.gamma = b.stepSize;
        this.order = new int[classes];
        this.ring = new double[b.capacity];
        this.sorted = new double[b.capacity];
        this.alphaT = alpha;
    }

    private AdaptiveConformal(AdaptiveConformal other) {
        this.classes = other.classes;
        this.alpha = other.alpha;
        this.gamma = other.gamma;
        this.order = other.order.clone();
        this.ring = other.ring.clone();
        this.sorted = other.sorted.clone();
        this.next = other.next;
        this.size = other.size;
        this.alphaT = other.alphaT;
    }

    /** A builder for {@code classes} classes (K &gt;= 1). */
    public static Builder builder(int classes) {
        return new Builder(classes);
    }

    /**
     * Writes the prediction set {@code C_t(p)} into {@code set}, most probable class first, and
     * returns its size; allocates nothing.
     *
     * @param probabilities the model's probabilities, length K
     * @param set receives the class indices; length &gt;= K
     */
    public int predict(double[] probabilities, int[] set) {
        Checks.probabilities(probabilities, classes);
        if (set == null || set.length < classes) {
            throw new IllegalArgumentException(
                    "set must have length >= " + classes + " (the number of classes), was "
                            + (set == null ? "null" : set.length));
        }
        double tau = threshold();
        rank(probabilities);
        double before = 0;
        int n = 0;
        while (n < classes && before <= tau) {
            set[n] = order[n];
            before += probabilities[order[n]];
            n++;
        }
        return n;
    }

    /**
     * Feeds back the true class of a prediction: returns whether the current set {@code
     * C_t(p)} held it, moves {@code alpha_t} and adds the score {@code E(p, label)} to the
     * window. Allocates nothing.
     */
    public boolean update(double[] probabilities, int label) {
        Checks.probabilities(probabilities, classes);
        Checks.label(label, classes);
        rank(probabilities);
        // Same summation order as predict, so that "covered" agrees with the set to the bit.
        double score = 0;
        for (int r = 0; order[r] != label; r++) {
            score += probabilities[order[r]];
        }
        boolean covered = score <= threshold();
        alphaT += gamma * (alpha - (covered ? 0.0 : 1.0));
        insert(score);
        return covered;
    }

    /** {@code tau_t}: the current threshold on {@code E}; +inf for the full set, -inf for none. */
    public double threshold() {
        if (alphaT >= 1.0) {
            return Double.NEGATIVE_INFINITY;
        }
        double rank = Math.ceil((size + 1) * (1.0 - alphaT));
        return rank > size ? Double.POSITIVE_INFINITY : sorted[(int) rank - 1];
    }

    /** The running miscoverage level {@code alpha_t} (starts at {@code alpha}). */
    public double level() {
        return alphaT;
    }

    /** Scores in the window. */
    public int size() {
        return size;
    }

    /** An independent deep copy (for state snapshots). */
    public AdaptiveConformal copy() {
        return new AdaptiveConformal(this);
    }

    private void insert(double score) {
        if (size == ring.length) {
            int i = Arrays.binarySearch(sorted, 0, size, ring[next]);
            System.arraycopy(sorted, i + 1, sorted, i, size - i - 1);
            size--;
        }
        int at = Arrays.binarySearch(sorted, 0, size, score);
        if (at < 0) {
            at = -at - 1;
        }
        System.arraycopy(sorted, at, sorted, at + 1, size - at);
        sorted[at] = score;
        size++;
        ring[next] = score;
        next = next + 1 == ring.length ? 0 : next + 1;
    }

    /** Fills {@code order} with the classes by decreasing probability, ties by lower index. */
    private void rank(double[] p) {
        for (int i = 0; i < classes; i++) {
            order[i] = i;
        }
        // Heap sort with the root at the "smallest" end of the wanted order, so that repeatedly
        // moving the root to the back leaves the array in order.
        for (int i = classes / 2 - 1; i >= 0; i--) {
            siftDown(p, i, classes);
        }
        for (int end = classes - 1; end > 0; end--) {
            int t = order[0];
            order[0] = order[end];
            order[end] = t;
            siftDown(p, 0, end);
        }
    }

    private void siftDown(double[] p, int i, int n) {
        while (true) {
            int child = 2 * i + 1;
            if (child >= n) {
                return;
            }
            if (child + 1 < n && after(p, order[child + 1], order[child])) {
                child++;
            }
            if (!after(p, order[child], order[i])) {
                return;
            }
            int t = order[i];
            order[i] = order[child];
            order[child] = t;
            i = child;
        }
    }

    /** Whether class {@code a} ranks after {@code b}: lower probability, or equal and higher index. */
    private static boolean after(double[] p, int a, int b) {
        return p[a] < p[b] || (p[a] == p[b] && a > b);
    }

    /**
     * Settings of an {@link AdaptiveConformal}; {@link #build()} checks them.
     *
     * <table>
     *   <caption>Settings</caption>
     *   <tr><th>Setter</th><th>Default</th><th>Allowed</th></tr>
     *   <tr><td>{@code setTargetCoverage}</td><td>0.9</td><td>(0, 1): {@code 1 - alpha}</td></tr>
     *   <tr><td>{@code setStepSize}</td><td>0.005</td><td>(0, 1): {@code gamma}</td></tr>
     *   <tr><td>{@code setCapacity}</td><td>1,000</td><td>&gt;= 1 scores</td></tr>
     * </table>
     */
    public static final class Builder {
        private final int classes;
        private double targetCoverage = 0.9;
        private double stepSize = 0.005;
        private int capacity = 1_000;

        private Builder(int classes) {
            this.classes = Checks.atLeast("Classes", classes, 1);
        }

        /** {@code 1 - alpha}: the long-run fraction of sets that hold the true class. */
        public Builder setTargetCoverage(double targetCoverage) {
            this.targetCoverage = targetCoverage;
            return this;
        }

        /** {@code gamma} of the ACI update. */
        public Builder setStepSize(double stepSize) {
            this.stepSize = stepSize;
            return this;
        }

        /** Recent label scores the quantile is taken over. */
        public Builder setCapacity(int capacity) {
            this.capacity = capacity;
            return this;
        }

        /** Checks the settings and builds the (empty) predictor. */
        public AdaptiveConformal build() {
            Checks.openInterval("Target coverage", targetCoverage, 0.0, 1.0);
            Checks.openInterval("Step size", stepSize, 0.0, 1.0);
            Checks.atLeast("Capacity", capacity, 1);
            return new AdaptiveConformal(this);
        }
    }
}
