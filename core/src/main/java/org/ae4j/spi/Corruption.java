package org.ae4j.spi;

import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A corruption of the input applied during training only — never at evaluation or inference: the
 * encoder sees {@code corrupt(x)} and the loss compares the reconstruction with the clean {@code x}
 * (denoising, inpainting, colorization, watermark removal are all this one mechanism).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface Corruption {

    /** The registered name, e.g. {@code "gaussian"}. */
    String name();

    /**
     * A corrupted copy of {@code clean}, {@code [batch, …]}, drawing randomness from {@code random}.
     * {@code clean} is never modified.
     */
    INDArray corrupt(INDArray clean, RandomSource random);
}
