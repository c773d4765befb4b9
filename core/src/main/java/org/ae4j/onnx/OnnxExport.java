package org.ae4j.onnx;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import onnx.Onnx;
import org.ae4j.Ae4j;
import org.ae4j.data.MinMaxNormalizer;
import org.ae4j.data.table.ColumnKind;
import org.ae4j.data.table.ColumnSpec;
import org.ae4j.data.table.TableSchema;
import org.ae4j.model.Autoencoder;
import org.ae4j.persist.AtomicFiles;
import org.ae4j.persist.SavedModel;
import org.ae4j.spi.Block;
import org.ae4j.spi.Bottleneck;
import org.ae4j.spi.Loss;
import org.ae4j.spi.OnnxExportable;
import org.ae4j.spi.OnnxExportableLoss;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Exports a trained model, or one of its parts, as an ONNX model (IR version {@value #IR_VERSION}, default operator
 * set {@value #OPSET}) that ONNX Runtime and any other ONNX runtime can run: float32 tensors, a symbolic batch
 * dimension, named inputs and outputs, the parameters as initializers.
 *
 * <ul>
 *   <li>{@link Part#ENCODER}: input {@code x}, output {@code code} — the deterministic code (a VAE's posterior mean);</li>
 *   <li>{@link Part#DECODER}: input {@code code}, output {@code reconstruction} in data space;</li>
 *   <li>{@link Part#FULL}: input {@code x}, output {@code reconstruction};</li>
 *   <li>{@link Part#SCORE}: input {@code x}, output {@code score} (the per-example reconstruction loss, the anomaly
 *       score of {@code ae4j score}) and, when the model has a calibrated threshold, {@code is_anomaly}
 *       ({@code score > threshold}).</li>
 * </ul>
 *
 * <p>With preprocessing (the default of {@link #of(SavedModel, Part, boolean)}), {@code x} is what a user holds: images
 * in their original range when the model was trained on min–max normalised images; for a table of numeric and boolean
 * columns, the input is {@code columns}, one value per kept column in the schema's order ({@code NaN} for a missing
 * cell, booleans as 0/1), scaled inside the graph. A table with categorical columns keeps its one-hot encoding outside
 * the graph (ONNX's standard operators do not compare strings before operator set 19): the input is then the encoded
 * features, as {@link org.ae4j.data.table.RowEncoder} makes them, and {@link Exported#notes()} says so. Outputs are in
 * the model's space (scaled features, normalised images). Missing values ({@code NaN}) are handled in the graph as
 * the model handles them: replaced by 0 before the encoder, left out of the score, when the model's loss skips them.
 *
 * <p>Every component must implement {@link OnnxExportable} ({@link OnnxExportableLoss} for the loss); one
 * that does not is refused by name ({@link UnsupportedOperationException}), never exported wrong.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.3")
public final class OnnxExport {

    /** The ONNX IR version written. */
    public static final long IR_VERSION = 8;
    /** The default-domain operator set written. */
    public static final int OPSET = 17;

    /** Which function of the model the exported graph computes. */
    public enum Part {
        /** {@code x → code}. */
        ENCODER,
        /** {@code code → reconstruction}. */
        DECODER,
        /** {@code x → reconstruction}. */
        FULL,
        /** {@code x → score} (and {@code is_anomaly} with a threshold). */
        SCORE;

        /** The part named {@code name} (any case). */
        public static Part parse(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown part '" + name + "'; expected one of encoder, decoder, full, score",
                        e);
            }
        }
    }

    /**
     * An exported model.
     *
     * @param bytes      the serialised {@code ModelProto}
     * @param part       what it computes
     * @param input      its input's name
     * @param inputShape its input's shape after the batch dimension
     * @param outputs    its outputs' names
     * @param notes      what stays outside the graph, in sentences (empty when nothing does)
     */
    public record Exported(byte[] bytes, Part part, String input, long[] inputShape, List<String> outputs, List<String> notes) {

        public Exported {
            bytes = bytes.clone();
            inputShape = inputShape.clone();
            outputs = List.copyOf(outputs);
            notes = List.copyOf(notes);
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public long[] inputShape() {
            return inputShape.clone();
        }

        /** Writes the model to {@code file} atomically (a temporary file, then a rename). */
        public void write(Path file) throws IOException {
            AtomicFiles.write(file, bytes);
        }
    }

    private OnnxExport() {
    }

    /** {@code part} of {@code model}, its input in the model's own space (no preprocessing). */
    public static Exported of(Autoencoder model, Part part) {
        return build(model, part, Preprocessing.NONE, Optional.empty(), "");
    }

    /**
     * {@code part} of a saved model; with {@code preprocessing}, the model's saved input preparation inside the graph
     * where ONNX can express it (see the class comment).
     */
    public static Exported of(SavedModel saved, Part part, boolean preprocessing) {
        Preprocessing prep = preprocessing ? Preprocessing.of(saved) : Preprocessing.NONE;
        if (!preprocessing && (saved.normalizer().isPresent() || saved.table().isPresent())) {
            prep = Preprocessing.outside(saved, "preprocessing left out on request");
        }
        return build(saved.model(), part, prep, saved.threshold().map(t -> t.threshold()), saved.config().variant());
    }

    /**
     * One component alone — a {@link Block} (layer, encoder, decoder) — as a graph from input {@code x}
     * ({@code [batch, inputShape…]}) to output {@code y}; e.g. to run a trained encoder elsewhere, or to check a
     * plug-in's layer.
     */
    public static Exported of(Block block) {
        return component(block, block.inputShape(), block.outputShape(), "a block");
    }

    /** A bottleneck's deterministic {@link Bottleneck#encode} alone, from {@code x} (features) to {@code y} (the code). */
    public static Exported of(Bottleneck bottleneck) {
        return component(bottleneck, new long[] {bottleneck.featureSize()}, new long[] {bottleneck.codeSize()}, "the bottleneck");
    }

    private static Exported component(Object component, long[] inputShape, long[] outputShape, String role) {
        ProtoGraph graph = new ProtoGraph(OPSET, "ae4j_" + component.getClass().getSimpleName());
        String input = graph.unique("x");
        graph.input(graph.value(input, FLOAT, inputShape));
        List<String> outputs = new ArrayList<>();
        output(graph, graph.add(role, component, input), "y", FLOAT, outputShape, outputs);
        return new Exported(model(graph, Map.of()).toByteArray(), Part.FULL, input, inputShape, outputs, List.of());
    }

    private static Onnx.ModelProto model(ProtoGraph graph, Map<String, String> metadata) {
        Onnx.ModelProto.Builder proto = Onnx.ModelProto.newBuilder().setIrVersion(IR_VERSION)
                .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setProducerName("ae4j").setProducerVersion(Ae4j.version())
                .setGraph(graph.build());
        metadata.forEach((k, v) -> proto.addMetadataProps(Onnx.StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return proto.build();
    }

    private static Exported build(Autoencoder model, Part part, Preprocessing prep, Optional<Double> threshold, String variant) {
        Objects.requireNonNull(part, "part");
        Loss loss = model.loss();
        if (!(loss instanceof OnnxExportableLoss exportableLoss)) {
            throw new UnsupportedOperationException("the loss '" + loss.name() + "' (" + loss.getClass().getName()
                    + ") cannot be exported to ONNX: it does not implement " + OnnxExportableLoss.class.getSimpleName());
        }
        ProtoGraph graph = new ProtoGraph(OPSET, "ae4j_" + part.name().toLowerCase(Locale.ROOT));
        long[] reconstructionShape = reconstructionShape(model);
        List<String> outputs = new ArrayList<>();
        String input;
        long[] inputShape;
        if (part == Part.DECODER) {
            input = graph.unique("code");
            inputShape = new long[] {model.codeSize()};
            graph.input(graph.value(input, FLOAT, inputShape));
            String raw = graph.add("the decoder", model.decoder(), input);
            output(graph, exportableLoss.reconstructionToOnnx(graph, raw), "reconstruction", FLOAT, reconstructionShape, outputs);
        } else {
            input = graph.unique(prep.inputName());
            inputShape = prep.inputShape(model);
            graph.input(graph.value(input, FLOAT, inputShape));
            String features = prep.apply(graph, input);
            String seen = loss.skipsMissingTargets()
                    ? graph.node("Where", graph.node("IsNaN", features).output(), graph.scalar("zero", 0f), features).output()
                    : features;
            String code = graph.add("the bottleneck", model.bottleneck(), graph.add("the encoder", model.encoder(), seen));
            switch (part) {
                case ENCODER -> output(graph, code, "code", FLOAT, new long[] {model.codeSize()}, outputs);
                case FULL -> output(graph, exportableLoss.reconstructionToOnnx(graph, graph.add("the decoder", model.decoder(), code)),
                        "reconstruction", FLOAT, reconstructionShape, outputs);
                default -> {
                    String score = exportableLoss.perExampleToOnnx(graph, graph.add("the decoder", model.decoder(), code), features);
                    output(graph, score, "score", FLOAT, new long[0], outputs);
                    if (threshold.isPresent()) {
                        String flag = graph.node("Greater", score, graph.scalar("threshold", threshold.get().floatValue())).output();
                        output(graph, flag, "is_anomaly", Onnx.TensorProto.DataType.BOOL_VALUE, new long[0], outputs);
                    }
                }
            }
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("ae4j.part", part.name().toLowerCase(Locale.ROOT));
        if (!variant.isEmpty()) {
            metadata.put("ae4j.variant", variant);
        }
        metadata.put("ae4j.input", part == Part.DECODER ? "the code" : prep.description());
        threshold.ifPresent(t -> metadata.put("ae4j.threshold", Double.toString(t)));
        metadata.put("ae4j.description", "ae4j " + (variant.isEmpty() ? "" : variant + " ") + "autoencoder, part "
                + metadata.get("ae4j.part"));
        Onnx.ModelProto proto = model(graph, metadata);
        List<String> notes = part == Part.DECODER ? List.of() : prep.notes();
        return new Exported(proto.toByteArray(), part, input, inputShape, outputs, notes);
    }

    private static final int FLOAT = Onnx.TensorProto.DataType.FLOAT_VALUE;

    private static void output(ProtoGraph graph, String tensor, String name, int type, long[] shape, List<String> outputs) {
        graph.output(tensor, graph.value(name, type, shape));
        outputs.add(name);
    }

    /** The per-example shape of {@link Autoencoder#decode}'s result, from one example's code. */
    private static long[] reconstructionShape(Autoencoder model) {
        long[] shape = model.decode(Nd4j.zeros(model.parameters().isEmpty() ? DataType.FLOAT
                : model.parameters().get(0).value().dataType(), 1, model.codeSize())).shape();
        return Arrays.copyOfRange(shape, 1, shape.length);
    }

    /** How the graph's input becomes the model's input. */
    private record Preprocessing(String inputName, String description, float[] center, float[] scale, long[] shape,
                                 List<String> notes) {

        static final Preprocessing NONE = new Preprocessing("x", "the model's input", null, null, null, List.of());

        /** The saved model's preparation in the graph where it can be, else a note. */
        static Preprocessing of(SavedModel saved) {
            if (saved.normalizer().isPresent()) {
                return normalizer(saved.normalizer().get(), saved.inputShape());
            }
            if (saved.table().isPresent()) {
                TableSchema schema = saved.table().get();
                List<ColumnSpec> kept = schema.features();
                List<String> categorical = kept.stream().filter(c -> c.kind() == ColumnKind.CATEGORICAL).map(ColumnSpec::name).toList();
                if (!categorical.isEmpty()) {
                    return outside(saved, "the categorical column" + (categorical.size() > 1 ? "s '" : " '")
                            + String.join("', '", categorical) + "' need one-hot encoding of text, which ONNX's standard operators"
                            + " (operator set " + OPSET + ") cannot express");
                }
                return scaled(kept);
            }
            return NONE;
        }

        /** Images in their original range, min–max normalised in the graph. */
        private static Preprocessing normalizer(MinMaxNormalizer n, long[] inputShape) {
            double[] min = n.min();
            double[] max = n.max();
            float[] center = new float[min.length];
            float[] scale = new float[min.length];
            for (int i = 0; i < min.length; i++) {
                center[i] = (float) min[i];
                scale[i] = (float) (max[i] == min[i] ? 1 : max[i] - min[i]);
            }
            long[] shape = n.isGlobal() ? new long[0] : inputShape;
            return new Preprocessing("x", "values in their original range, min-max normalised in the graph"
                    + (n.isGlobal() ? " (" + min[0] + " to " + max[0] + ")" : " per value"), center, scale, shape, List.of());
        }

        /** A table of numeric and boolean columns: each kept column's raw value, scaled in the graph. */
        private static Preprocessing scaled(List<ColumnSpec> kept) {
            float[] center = new float[kept.size()];
            float[] scale = new float[kept.size()];
            List<String> described = new ArrayList<>();
            for (int i = 0; i < kept.size(); i++) {
                ColumnSpec c = kept.get(i);
                boolean numeric = c.kind() == ColumnKind.NUMERIC;
                center[i] = numeric ? (float) c.center() : 0f;
                scale[i] = numeric ? (float) c.scale() : 1f;
                described.add(numeric ? c.name() : c.name() + " (0 = " + c.categories().get(0) + ", 1 = " + c.categories().get(1) + ")");
            }
            return new Preprocessing("columns", "one value per column, NaN for a missing cell: " + String.join(", ", described),
                    center, scale, new long[] {kept.size()}, List.of());
        }

        /** The model's own input, with a note of what the caller must do first. */
        static Preprocessing outside(SavedModel saved, String why) {
            String what;
            if (saved.table().isPresent()) {
                what = "the encoded features of each row, as ae4j's RowEncoder makes them (numbers scaled, booleans 0/1, "
                        + "categories one-hot with an <other> slot, NaN in every feature of a missing cell): "
                        + String.join(", ", saved.table().get().featureNames());
            } else {
                what = "values normalised as in training: (x - min) / (max - min) with the model's saved range";
            }
            return new Preprocessing("x", what, null, null, null,
                    List.of("The graph's input is " + what + "; " + why + "."));
        }

        long[] inputShape(Autoencoder model) {
            return center == null || shape.length == 0 ? model.inputShape() : shape.clone();
        }

        /** Adds {@code (input − center)/scale}; returns the model's input tensor. */
        String apply(ProtoGraph graph, String input) {
            if (center == null) {
                return input;
            }
            String c = graph.constant("center", center, shape);
            String s = graph.constant("scale", scale, shape);
            return graph.node("Div", graph.node("Sub", input, c).output(), s).output();
        }
    }
}
