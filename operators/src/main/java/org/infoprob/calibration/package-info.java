/**
 * The calibration operator family: probabilities fitted to label feedback inside the stream.
 * Score events may carry an {@code id}; {@link org.infoprob.model.LabelEvent}s name it later.
 * The label join pairs them by id with bounded state and an event-time timeout, and the
 * per-segment calibrators refit temperature scaling (softmax) or Platt scaling (sigmoid) on a
 * bounded, decaying window of the labelled examples and apply the current fit to every score
 * event as it arrives. The maths (fits, their standard errors, the window) is {@code
 * org.infoprob.math}'s {@code TemperatureScaling} and {@code PlattScaling}; the functions here
 * keep state, time and dead letters.
 *
 * <p>Imports: {@code math}, {@code model}, {@code internal}, Flink; no JSON, no {@code serde},
 * not the other operator families.
 */
package org.infoprob.calibration;
