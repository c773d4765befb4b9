package org.ae4j.nn;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.ae4j.spi.Bottleneck;
import org.ae4j.spi.Code;
import org.ae4j.spi.OnnxExportable;
import org.ae4j.spi.OnnxGraph;
import org.ae4j.spi.Parameter;
import org.ae4j.spi.RandomSource;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The plain autoencoder's bottleneck: {@code z = h}, no parameters, no loss term. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class IdentityBottleneck implements Bottleneck, OnnxExportable {

    private final long size;

    public IdentityBottleneck(long size) {
        if (size < 1) {
            throw new IllegalArgumentException("code size must be >= 1, got " + size);
        }
        this.size = size;
    }

    @Override
    public long featureSize() {
        return size;
    }

    @Override
    public long codeSize() {
        return size;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public Code forward(INDArray features, RandomSource random, int epoch) {
        return new Code(checked(features), features, 0.0, Map.of());
    }

    @Override
    public INDArray backward(Code code, INDArray codeGradient) {
        return codeGradient;
    }

    @Override
    public INDArray encode(INDArray features) {
        return checked(features);
    }

    private INDArray checked(INDArray features) {
        if (features.rank() != 2 || features.size(1) != size) {
            throw new IllegalArgumentException("identity bottleneck expects features [batch, " + size
                    + "], got " + Arrays.toString(features.shape()));
        }
        return features;
    }

    /** Nothing to add: the code is the encoder's output. */
    @Override
    public String toOnnx(OnnxGraph graph, String input) {
        return input;
    }
}
