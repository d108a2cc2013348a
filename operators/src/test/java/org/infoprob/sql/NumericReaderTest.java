package org.infoprob.sql;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.types.logical.LogicalType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link NumericReader} against the conversions of SQL {@code CAST(x AS DOUBLE)}: Java's
 * widening conversions for the integer types and FLOAT, {@link BigDecimal#doubleValue()} (the
 * correctly rounded double) for DECIMAL.
 */
class NumericReaderTest {

    @Test
    void readsEveryNumericTypeAsDouble() {
        assertRead(DataTypes.TINYINT(), new GenericArrayData(new byte[] {-128, 0, 127}), -128, 0, 127);
        assertRead(DataTypes.SMALLINT(), new GenericArrayData(new short[] {-32768, 7}), -32768, 7);
        assertRead(DataTypes.INT(), new GenericArrayData(new int[] {Integer.MIN_VALUE, 3}), Integer.MIN_VALUE, 3);
        // 2^53 + 1 has no double: the nearest, as (double) long gives it
        long big = (1L << 53) + 1;
        assertRead(DataTypes.BIGINT(), new GenericArrayData(new long[] {big, -5}), (double) big, -5);
        // 0.1f widens exactly to 0.100000001490116...
        assertRead(DataTypes.FLOAT(), new GenericArrayData(new float[] {0.1f, -2.5f}), (double) 0.1f, -2.5);
        assertRead(DataTypes.DOUBLE(), new GenericArrayData(new double[] {0.1, Double.NEGATIVE_INFINITY}), 0.1, Double.NEGATIVE_INFINITY);
    }

    @Test
    void decimalsAreCorrectlyRoundedWithAndWithoutTheCompactPath() {
        // precision 15 takes the unscaled-long path, 16 and 30 the BigDecimal one
        String[] values = {"0.1", "-123456789.012345", "0.000000000000001", "999999999999999"};
        for (int precision : new int[] {15, 16, 30}) {
            for (String v : values) {
                BigDecimal d = new BigDecimal(v);
                int scale = Math.max(d.scale(), 0);
                if (d.precision() - d.scale() + scale > precision) {
                    continue;
                }
                ArrayData array = new GenericArrayData(new Object[] {DecimalData.fromBigDecimal(d, precision, scale)});
                assertRead(DataTypes.DECIMAL(precision, scale), array, d.doubleValue());
            }
        }
    }

    @Test
    void reportsTheFirstNullElement() {
        NumericReader reader = NumericReader.of(DataTypes.INT().getLogicalType());
        double[] out = new double[3];
        assertThat(reader.read(new GenericArrayData(new Object[] {1, null, 3}), 3, out)).isEqualTo(1);
        assertThat(out[0]).isEqualTo(1.0);
        assertThat(reader.read(new GenericArrayData(new Object[] {1, 2, 3}), 3, out)).isEqualTo(-1);
    }

    @Test
    void refusesOtherTypes() {
        assertThatThrownBy(() -> NumericReader.of(DataTypes.STRING().getLogicalType()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Not a numeric type: STRING");
    }

    private static void assertRead(org.apache.flink.table.types.DataType type, ArrayData array, double... expected) {
        LogicalType logical = type.getLogicalType();
        double[] out = new double[expected.length + 2];
        assertThat(NumericReader.of(logical).read(array, expected.length, out)).as("%s: no NULL", logical).isEqualTo(-1);
        for (int i = 0; i < expected.length; i++) {
            assertThat(out[i]).as("%s [%s]", logical, i).isEqualTo(expected[i]);
        }
    }
}
