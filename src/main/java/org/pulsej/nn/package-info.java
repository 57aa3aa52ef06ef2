/**
 * The learned pulse estimator of PulseJ: the modified PhysNet 3D CNN of Gideon &amp; Stent (2021),
 * trained without labels (by the paper's frequency-contrastive learning, or by default with SiNC's
 * non-contrastive loss), and applied to whole videos.
 * <ul>
 * <li>{@link org.pulsej.nn.Devices} — DJL's PyTorch engine, offline, and the device (auto/cpu/gpu).</li>
 * <li>{@link org.pulsej.nn.PhysNetConfig}, {@link org.pulsej.nn.PhysNet} — the network (Table 1).</li>
 * <li>{@link org.pulsej.nn.FrequencyResampler}, {@link org.pulsej.nn.MultiViewTripletLoss} — the
 * contrastive pieces (Sec. 2.3); {@link org.pulsej.nn.SincLoss} and {@link org.pulsej.nn.ContrastPhysLoss} —
 * the other losses ({@code loss=}).</li>
 * <li>{@link org.pulsej.nn.ContrastiveTrainer} with {@link org.pulsej.nn.TrainOptions} — training into
 * a model folder, with checkpoints, resume and label-free epoch selection.</li>
 * <li>{@link org.pulsej.nn.PhysNetModel} — a trained model folder applied to a
 * {@link org.pulsej.input.FaceVolume}: one PPG value per frame.</li>
 * </ul>
 * Deliberate differences from the paper and the authors' code are documented where they occur: the
 * loss keeps the paper's 1/V_N² scale; the learning rate is used as given (the code multiplied it by
 * the batch size); the negative is fed at its own length instead of zero-padded; epochs are selected
 * by the irrelevant power ratio (no labels), as the authors' code did, not by the paper's labelled MCC.
 */
package org.pulsej.nn;
