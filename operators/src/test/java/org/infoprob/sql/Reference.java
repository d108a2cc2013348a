package org.infoprob.sql;

/**
 * Independent reference values for the tests: softmax and log-softmax written out from their
 * definitions with {@link Math#exp} and {@link Math#log} in a plain loop (no shared code with
 * the math core and its vector kernel), and score vectors as SQL literals.
 */
final class Reference {

    private Reference() {}

    /** {@code exp((s_i - m)/T) / sum_j exp((s_j - m)/T)}, {@code m = max s}. */
    static double[] softmax(double[] s, double t) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : s) {
            m = Math.max(m, v);
        }
        double sum = 0;
        double[] e = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            e[i] = Math.exp((s[i] - m) / t);
            sum += e[i];
        }
        for (int i = 0; i < s.length; i++) {
            e[i] /= sum;
        }
        return e;
    }

    /** {@code (s_i - m)/T - ln sum_j exp((s_j - m)/T)}. */
    static double[] logSoftmax(double[] s, double t) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : s) {
            m = Math.max(m, v);
        }
        double sum = 0;
        for (double v : s) {
            sum += Math.exp((v - m) / t);
        }
        double lnSum = Math.log(sum);
        double[] out = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = (s[i] - m) / t - lnSum;
        }
        return out;
    }

    /** The scores as SQL, {@code CAST(ARRAY[...] AS ARRAY<type>)}, each value exactly. */
    static String sqlArray(double[] s, String elementType) {
        StringBuilder sql = new StringBuilder("CAST(ARRAY[");
        for (int i = 0; i < s.length; i++) {
            // Double.toString round-trips; "E0" makes a DOUBLE literal, not a DECIMAL one.
            String v = Double.toString(s[i]);
            sql.append(i == 0 ? "" : ", ").append(v.contains("E") ? v : v + "E0");
        }
        return sql.append("] AS ARRAY<").append(elementType).append(">)").toString();
    }
}
