package org.ae4j.spi;

import java.util.Objects;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Everything one training forward pass produced, as {@link Regularizer}s see it.
 *
 * @param encoder the encoder that ran (a regularizer may run its forward/backward again)
 * @param input   the encoder's input (possibly corrupted), {@code [batch, …]}
 * @param encoded the encoder's trace; {@code encoded.output()} is the features {@code h}
 * @param code    the bottleneck's result; {@code code.z()} is the code
 * @param decoded the decoder's trace; {@code decoded.output()} is the raw reconstruction
 * @param random  randomness for stochastic penalties (e.g. the contractive estimate's noise), seeded
 *                with the training run
 * @param batch   the batch this pass is (part of): in data-parallel training a slice of it, whose
 *                whole-batch statistics {@link BatchSlice#sum} gathers
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ForwardPass(Encoder encoder, INDArray input, Trace encoded, Code code, Trace decoded,
                          RandomSource random, BatchSlice batch) {

    public ForwardPass {
        Objects.requireNonNull(encoder, "encoder");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(encoded, "encoded");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(decoded, "decoded");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(batch, "batch");
    }

    /** A pass over a whole batch. */
    public ForwardPass(Encoder encoder, INDArray input, Trace encoded, Code code, Trace decoded, RandomSource random) {
        this(encoder, input, encoded, code, decoded, random, BatchSlice.whole(input.size(0)));
    }
}
