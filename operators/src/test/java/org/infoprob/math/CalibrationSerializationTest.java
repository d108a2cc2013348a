package org.infoprob.math;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The calibration state survives Java serialization (what a Flink state backend or a savepoint
 * of a Serializable value does): a restored calibrator continues exactly like the original.
 */
class CalibrationSerializationTest {

    @Test
    void restoredCalibratorsContinueExactlyLikeTheOriginals() throws Exception {
        SplittableRandom random = new SplittableRandom(8L);
        TemperatureScaling temperature = TemperatureScaling.builder(3).build();
        PlattScaling platt = PlattScaling.builder().build();
        PriorShiftCorrection shift = PriorShiftCorrection.builder(new double[] {0.5, 0.25, 0.25}).build();
        AdaptiveConformal aci = AdaptiveConformal.builder(3).setCapacity(50).build();
        CalibrationError ece = new CalibrationError();
        for (int n = 0; n < 300; n++) {
            double[] s = Synthetic.logits(random, 3, 2.0);
            double[] p = Synthetic.softmax(s, 1.0);
            int y = Synthetic.draw(random, Synthetic.softmax(s, 2.0));
            temperature.observe(s, y);
            platt.observe(s[0] - s[1], y == 0);
            shift.observe(p);
            aci.update(p, y);
            ece.accept(p, y);
        }
        temperature.fit();
        TemperatureScaling temperatureBack = roundTrip(temperature);
        PlattScaling plattBack = roundTrip(platt);
        PriorShiftCorrection shiftBack = roundTrip(shift);
        AdaptiveConformal aciBack = roundTrip(aci);
        CalibrationError eceBack = roundTrip(ece);

        double[] s = {0.3, -1.2, 2.0};
        double[] p = Synthetic.softmax(s, 1.0);
        temperature.observe(s, 2);
        temperatureBack.observe(s, 2);
        assertThat(temperatureBack.fit()).isEqualTo(temperature.fit());
        assertThat(plattBack.fit()).isEqualTo(platt.fit());
        assertThat(shiftBack.fit().priors()).containsExactly(shift.fit().priors());
        assertThat(aciBack.update(p, 1)).isEqualTo(aci.update(p, 1));
        assertThat(aciBack.threshold()).isEqualTo(aci.threshold());
        assertThat(aciBack.level()).isEqualTo(aci.level());
        assertThat(eceBack.result()).isEqualTo(ece.result());
    }

    @SuppressWarnings("unchecked")
    private static <T extends Serializable> T roundTrip(T value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}
