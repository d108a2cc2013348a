package org.infoprob.jobs.demo;

import org.infoprob.math.Sigmoid;
import org.infoprob.model.Reason;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The demo's sample traffic, one record at a time; the same seed and clock give the same
 * records. What it sends, and the truth it records in {@link GroundTruth}:
 *
 * <ul>
 *   <li>{@value #SCORES}: an image classifier's logits for {@link #IMAGE_CLASSES} from {@value
 *       #CAMERAS} cameras. The true class is uniform; every logit is {@code N(0, NOISE^2)} and
 *       the true class's gets {@code + SIGNAL} on top. Because {@code SIGNAL = NOISE^2}, the
 *       posterior of the true class given the logits is exactly their softmax: the job's
 *       probabilities are calibrated, and the top class is the true one about 79% of the time.
 *   <li>{@value #BINARY_SCORES}: a fraud model's score {@code x ~ N(-1, 2.5^2)} per card; the
 *       label is positive with probability {@code sigmoid(x)}, so the sigmoid job is calibrated
 *       and its best possible accuracy is about 82%.
 *   <li>{@value #LABEL_SCORES}: independent topic scores {@code N(-1, 2^2)} per document, for the
 *       multi-label sigmoid.
 *   <li>{@value #CLASSES}: app events of {@value #USERS} users; user {@code u} draws from {@link
 *       #EVENTS} with Zipf probabilities {@code p_k ~ 1 / k^s}, {@code s = 0.9 + 0.15 (u mod 4)}.
 *       From {@value #FIRST_BURST_MILLIS} ms on, every 8-14 s one user has a burst of
 *       {@value #BURST_MILLIS} ms in which {@value #BURST_SHARE_PERCENT}% of its events are one
 *       of {@link #RARE_EVENTS}, a class it has never sent.
 * </ul>
 *
 * <p>Records go round a cycle of ten: four class events, three score records, two binary score
 * records, one multi-label record. Each topic's keys take turns; a key's {@code ts} is the
 * clock, raised by 1 ms where needed so that {@code key} and {@code ts} identify a record. About
 * one record in {@value #POISON_ONE_IN} is a poison record of a kind the jobs must reject, with
 * the {@link Reason} the decoder must give recorded ({@link PoisonRecords}): invalid JSON, a NaN
 * score, a missing field, a field of the wrong type, an empty class name. Records are written
 * with {@link DemoJson}.
 */
final class TrafficGenerator {

    static final String SCORES = "scores";
    static final String BINARY_SCORES = "binary-scores";
    static final String CLASSES = "classes";
    static final String LABEL_SCORES = "label-scores";

    /** The input topics, in the order of {@link #CYCLE}'s first appearance. */
    static final String[] TOPICS = {CLASSES, SCORES, BINARY_SCORES, LABEL_SCORES};

    private static final String[] CYCLE = {
        CLASSES, SCORES, BINARY_SCORES, CLASSES, SCORES, LABEL_SCORES, CLASSES, SCORES, BINARY_SCORES, CLASSES
    };

    static final String[] IMAGE_CLASSES = {"cat", "dog", "bird", "fish", "horse"};
    static final double SIGNAL = 4.0;
    static final double NOISE = 2.0;

    static final double BINARY_MEAN = -1.0;
    static final double BINARY_SPREAD = 2.5;

    static final String[] LABELS = {"sports", "politics", "tech", "science", "culture"};

    static final String[] EVENTS = {
        "page_view", "click", "scroll", "search", "add_to_cart", "login", "video_play", "like",
        "logout", "share", "comment", "checkout", "profile_update", "download", "invite_sent",
        "password_reset", "upload", "api_error", "subscription_cancel", "payment_failed"
    };
    static final String[] RARE_EVENTS = {
        "account_locked", "admin_access", "bulk_export", "card_declined", "geo_anomaly"
    };

    static final int CAMERAS = 10;
    static final int CARDS = 10;
    static final int DOCS = 10;
    static final int USERS = 8;

    static final long FIRST_BURST_MILLIS = 3_000;
    static final long BURST_MILLIS = 1_500;
    static final int BURST_SHARE_PERCENT = 60;
    private static final long BURST_GAP_MIN_MILLIS = 8_000;
    private static final long BURST_GAP_MAX_MILLIS = 14_000;

    static final int POISON_ONE_IN = 200;

    /** One record to send. */
    record Generated(String topic, String key, String value) {}

    private final SplittableRandom random;
    private final GroundTruth truth;
    private final double[][] zipfCdf = new double[USERS][];
    private final long[][] lastTs = new long[TOPICS.length][];
    private final int[] nextKey = new int[TOPICS.length];
    private long sequence;
    private long clock;
    private long nextBurstMillis;
    private GroundTruth.Burst burst;
    private int bursts;

    /**
     * @param seed the random seed
     * @param startMillis the clock at the start; bursts are scheduled from it
     * @param truth where the truth of every record goes
     */
    TrafficGenerator(long seed, long startMillis, GroundTruth truth) {
        this.random = new SplittableRandom(seed);
        this.truth = truth;
        this.nextBurstMillis = startMillis + FIRST_BURST_MILLIS;
        for (int u = 0; u < USERS; u++) {
            zipfCdf[u] = zipfCdf(EVENTS.length, zipfExponent(u));
        }
        int[] keys = {USERS, CAMERAS, CARDS, DOCS};
        for (int t = 0; t < TOPICS.length; t++) {
            lastTs[t] = new long[keys[t]];
        }
    }

    /** A {@link GroundTruth} sized for this generator's users and classes. */
    static GroundTruth newTruth() {
        return new GroundTruth(USERS, EVENTS.length + RARE_EVENTS.length);
    }

    /** The Zipf exponent of user {@code u}. */
    static double zipfExponent(int user) {
        return 0.9 + 0.15 * (user % 4);
    }

    /** The Zipf probability of the class of rank {@code rank} (1 = most frequent) for {@code user}. */
    static double zipfProbability(int user, int rank) {
        double norm = 0;
        for (int k = 1; k <= EVENTS.length; k++) {
            norm += Math.pow(k, -zipfExponent(user));
        }
        return Math.pow(rank, -zipfExponent(user)) / norm;
    }

    /** The index of {@code className} in {@link #EVENTS} followed by {@link #RARE_EVENTS}, or -1. */
    static int classIndex(String className) {
        for (int i = 0; i < EVENTS.length; i++) {
            if (EVENTS[i].equals(className)) {
                return i;
            }
        }
        for (int i = 0; i < RARE_EVENTS.length; i++) {
            if (RARE_EVENTS[i].equals(className)) {
                return EVENTS.length + i;
            }
        }
        return -1;
    }

    static String className(int classIndex) {
        return classIndex < EVENTS.length ? EVENTS[classIndex] : RARE_EVENTS[classIndex - EVENTS.length];
    }

    static String user(int u) {
        return "user-" + u;
    }

    /** The user index of a key {@code user-<u>}, or -1. */
    static int userIndex(String key) {
        if (key == null || !key.startsWith("user-")) {
            return -1;
        }
        try {
            int u = Integer.parseInt(key.substring("user-".length()));
            return u >= 0 && u < USERS ? u : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The next record, stamped with {@code nowMillis} (raised per key to stay unique). */
    Generated next(long nowMillis) {
        clock = nowMillis;
        String topic = CYCLE[(int) (sequence++ % CYCLE.length)];
        int t = topicIndex(topic);
        int k = nextKey[t];
        nextKey[t] = (k + 1) % lastTs[t].length;
        long ts = Math.max(nowMillis, lastTs[t][k] + 1);
        lastTs[t][k] = ts;
        boolean poison = random.nextInt(POISON_ONE_IN) == 0;
        switch (topic) {
            case "classes":
                return poison ? poisonClassEvent(k, ts) : classEvent(k, ts);
            case "scores":
                return poison ? poisonScores(topic, "camera-" + k, ts, IMAGE_CLASSES) : imageScores(k, ts);
            case "binary-scores":
                return poison ? poisonBinary("card-" + k, ts) : binaryScore(k, ts);
            default:
                return poison ? poisonScores(topic, "doc-" + k, ts, LABELS) : labelScores(k, ts);
        }
    }

    private static int topicIndex(String topic) {
        for (int i = 0; i < TOPICS.length; i++) {
            if (TOPICS[i].equals(topic)) {
                return i;
            }
        }
        throw new IllegalStateException("Not a demo topic: " + topic);
    }

    private Generated classEvent(int user, long ts) {
        updateBurst(clock);
        int c;
        if (burst != null && burst.key().equals(user(user)) && random.nextInt(100) < BURST_SHARE_PERCENT) {
            c = classIndex(burst.className());
        } else {
            c = sample(zipfCdf[user]);
        }
        truth.classEvent(user, c);
        truth.valid(CLASSES);
        String key = user(user);
        String className = className(c);
        return new Generated(CLASSES, key, DemoJson.write(g -> {
            DemoJson.startRecord(g, key, ts);
            g.writeStringField("class", className);
            g.writeEndObject();
        }));
    }

    private void updateBurst(long now) {
        if (burst != null && now >= burst.endMillis()) {
            burst = null;
        }
        if (burst == null && now >= nextBurstMillis) {
            burst = new GroundTruth.Burst(
                    user(random.nextInt(USERS)), RARE_EVENTS[bursts++ % RARE_EVENTS.length], now, now + BURST_MILLIS);
            truth.burst(burst);
            nextBurstMillis = burst.endMillis() + BURST_GAP_MIN_MILLIS
                    + random.nextLong(BURST_GAP_MAX_MILLIS - BURST_GAP_MIN_MILLIS + 1);
        }
    }

    private Generated imageScores(int camera, long ts) {
        int trueClass = random.nextInt(IMAGE_CLASSES.length);
        String key = "camera-" + camera;
        double[] logits = new double[IMAGE_CLASSES.length];
        for (int c = 0; c < logits.length; c++) {
            logits[c] = round(NOISE * gaussian() + (c == trueClass ? SIGNAL : 0));
        }
        truth.softmax(key, ts, trueClass);
        truth.valid(SCORES);
        return new Generated(SCORES, key, scores(key, ts, IMAGE_CLASSES, logits));
    }

    private Generated binaryScore(int card, long ts) {
        double score = round(BINARY_MEAN + BINARY_SPREAD * gaussian());
        double p = Sigmoid.sigmoid(score);
        boolean positive = random.nextDouble() < p;
        String key = "card-" + card;
        truth.binary(key, ts, score, positive, p);
        truth.valid(BINARY_SCORES);
        return new Generated(BINARY_SCORES, key, DemoJson.write(g -> {
            DemoJson.startRecord(g, key, ts);
            g.writeNumberField("score", score);
            g.writeEndObject();
        }));
    }

    private Generated labelScores(int doc, long ts) {
        String key = "doc-" + doc;
        double[] scores = new double[LABELS.length];
        for (int c = 0; c < scores.length; c++) {
            scores[c] = round(-1 + 2 * gaussian());
        }
        truth.valid(LABEL_SCORES);
        return new Generated(LABEL_SCORES, key, scores(key, ts, LABELS, scores));
    }

    /** {@code {"key":...,"ts":...,"scores":{"c0":s0,...}}}. */
    private static String scores(String key, long ts, String[] classes, double[] scores) {
        return DemoJson.write(g -> {
            DemoJson.startRecord(g, key, ts);
            g.writeObjectFieldStart("scores");
            for (int c = 0; c < classes.length; c++) {
                g.writeNumberField(classes[c], scores[c]);
            }
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    private Generated poisonScores(String topic, String key, long ts, String[] classes) {
        Reason reason = PoisonRecords.SCORE_KINDS[random.nextInt(PoisonRecords.SCORE_KINDS.length)];
        truth.poison(topic, reason);
        return new Generated(topic, key, PoisonRecords.scores(key, ts, classes, reason));
    }

    private Generated poisonBinary(String key, long ts) {
        Reason reason = PoisonRecords.SCORE_KINDS[random.nextInt(PoisonRecords.SCORE_KINDS.length)];
        truth.poison(BINARY_SCORES, reason);
        return new Generated(BINARY_SCORES, key, PoisonRecords.binaryScore(key, ts, reason));
    }

    private Generated poisonClassEvent(int user, long ts) {
        String key = user(user);
        Reason reason = PoisonRecords.CLASS_KINDS[random.nextInt(PoisonRecords.CLASS_KINDS.length)];
        truth.poison(CLASSES, reason);
        return new Generated(CLASSES, key, PoisonRecords.classEvent(key, ts, reason));
    }

    private int sample(double[] cdf) {
        double u = random.nextDouble();
        int lo = 0;
        int hi = cdf.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cdf[mid] > u) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private static double[] zipfCdf(int n, double s) {
        double[] cdf = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += Math.pow(k + 1, -s);
            cdf[k] = sum;
        }
        for (int k = 0; k < n; k++) {
            cdf[k] /= sum;
        }
        cdf[n - 1] = 1.0; // no rounding gap above the last class
        return cdf;
    }

    /** A standard normal draw (Box-Muller; one of the pair is enough here). */
    private double gaussian() {
        double u = 1.0 - random.nextDouble(); // (0, 1], so ln(u) is finite
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /** Four decimals: short records, and the value the job reads is the one recorded. */
    private static double round(double x) {
        return Math.round(x * 10_000) / 10_000.0;
    }

    /** For log lines: the traffic mix in words. */
    static String describe() {
        return String.format(
                Locale.ROOT,
                "40%% class events (%d users, Zipf over %d classes, bursts of rare classes), 30%% %d-class logits,"
                        + " 20%% binary scores, 10%% multi-label scores; 1 in %d records is poison",
                USERS, EVENTS.length, IMAGE_CLASSES.length, POISON_ONE_IN);
    }
}
