package org.ae4j.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ae4j.spi.BuildContext;
import org.ae4j.spi.Decoder;
import org.ae4j.spi.Encoder;
import org.ae4j.spi.Layer;
import org.ae4j.spi.LayerSpec;
import org.ae4j.spi.OnnxExportable;
import org.ae4j.spi.OnnxGraph;
import org.ae4j.spi.Parameter;
import org.ae4j.spi.Trace;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A chain of {@link Layer}s; serves as an {@link Encoder} or a {@link Decoder}. The chain is checked
 * when built: each layer's input shape must equal its predecessor's output shape.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Sequential implements Encoder, Decoder, OnnxExportable {

    private final String name;
    private final List<Layer> layers;
    private final List<Parameter> parameters;
    /** The first layer with parameters (the layers' count if none has any): the backward pass for parameters ends there. */
    private final int firstTrained;

    public Sequential(String name, List<? extends Layer> layers) {
        this.name = name;
        this.layers = List.copyOf(layers);
        if (this.layers.isEmpty()) {
            throw new IllegalArgumentException("'" + name + "' needs at least one layer");
        }
        for (int i = 1; i < this.layers.size(); i++) {
            Layer previous = this.layers.get(i - 1);
            Layer layer = this.layers.get(i);
            if (!Arrays.equals(previous.outputShape(), layer.inputShape())) {
                throw new IllegalArgumentException("layer '" + layer.name() + "' expects inputs of shape "
                        + Arrays.toString(layer.inputShape()) + ", but '" + previous.name() + "' produces "
                        + Arrays.toString(previous.outputShape()));
            }
        }
        List<Parameter> all = new ArrayList<>();
        this.layers.forEach(l -> all.addAll(l.parameters()));
        this.parameters = List.copyOf(all);
        int first = 0;
        while (first < this.layers.size() && this.layers.get(first).parameters().isEmpty()) {
            first++;
        }
        this.firstTrained = first;
    }

    /** Builds {@code specs} in order, naming the layers {@code name.0}, {@code name.1}, …. */
    public static Sequential build(String name, long[] inputShape, List<? extends LayerSpec> specs,
                                   BuildContext context) {
        List<Layer> layers = new ArrayList<>();
        long[] shape = inputShape;
        for (int i = 0; i < specs.size(); i++) {
            Layer layer = specs.get(i).build(name + "." + i, shape, context);
            layers.add(layer);
            shape = layer.outputShape();
        }
        return new Sequential(name, layers);
    }

    public String name() {
        return name;
    }

    public List<Layer> layers() {
        return layers;
    }

    @Override
    public long[] inputShape() {
        return layers.get(0).inputShape();
    }

    @Override
    public long[] outputShape() {
        return layers.get(layers.size() - 1).outputShape();
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public Trace forward(INDArray input) {
        List<Trace> steps = new ArrayList<>(layers.size());
        INDArray x = input;
        for (Layer layer : layers) {
            Trace step = layer.forward(x);
            steps.add(step);
            x = step.output();
        }
        return new Trace(input, x, steps);
    }

    @Override
    public INDArray backward(Trace trace, INDArray outputGradient) {
        INDArray g = outputGradient;
        for (int i = layers.size() - 1; i >= 0; i--) {
            g = layers.get(i).backward(step(trace, i), g);
        }
        return g;
    }

    /**
     * The parameters' gradients alone: the layers after the first one with parameters run their whole backward pass,
     * that one only its parameters' ({@link Layer#backwardParameters} — e.g. a convolution after a reshape skips its
     * input gradient), and the parameter-free layers before it nothing.
     */
    @Override
    public void backwardParameters(Trace trace, INDArray outputGradient) {
        if (firstTrained == layers.size()) {
            return;
        }
        INDArray g = outputGradient;
        for (int i = layers.size() - 1; i > firstTrained; i--) {
            g = layers.get(i).backward(step(trace, i), g);
        }
        layers.get(firstTrained).backwardParameters(step(trace, firstTrained), g);
    }

    /**
     * Like {@link #backwardParameters(Trace, INDArray)}, also adding {@code extra.get(k)} to the gradient
     * with respect to the output of layer {@code k}.
     */
    @Override
    public void backwardParameters(Trace trace, INDArray outputGradient, java.util.Map<Integer, INDArray> extra) {
        for (int k : extra.keySet()) {
            if (k < 0 || k >= layers.size()) {
                throw new IllegalArgumentException("'" + name + "' has layers 0 to " + (layers.size() - 1) + ", not " + k);
            }
        }
        INDArray g = outputGradient;
        for (int i = layers.size() - 1; i >= firstTrained; i--) {
            INDArray added = extra.get(i);
            if (added != null) {
                g = g.addi(added);
            }
            if (i == firstTrained) {
                layers.get(i).backwardParameters(step(trace, i), g);
            } else {
                g = layers.get(i).backward(step(trace, i), g);
            }
        }
    }

    private Trace step(Trace trace, int i) {
        if (trace.steps().size() != layers.size()) {
            throw new IllegalArgumentException("'" + name + "' has " + layers.size()
                    + " layers but the trace has " + trace.steps().size() + " steps; was it made by this block?");
        }
        return trace.steps().get(i);
    }

    @Override
    public String toString() {
        return name + layers;
    }

    /** Each layer's export in turn; a layer that cannot be exported is refused by its name. */
    @Override
    public String toOnnx(OnnxGraph graph, String input) {
        String x = input;
        for (Layer layer : layers) {
            x = graph.add("layer '" + layer.name() + "'", layer, x);
        }
        return x;
    }
}
