package org.ae4j.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.ae4j.onnx.OnnxExport;
import org.ae4j.persist.ModelFile;
import org.ae4j.persist.SavedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Exports a trained model, or one of its parts, as an ONNX model. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export a trained model as an ONNX model (IR version " + OnnxExport.IR_VERSION + ", operator set "
                + OnnxExport.OPSET + ", float32, any batch size) for ONNX Runtime or any other ONNX runtime.",
                "Parts: encoder (x -> code), decoder (code -> reconstruction), full (x -> reconstruction), score (x -> "
                        + "score, and is_anomaly when the model has a threshold).",
                "The model's preprocessing goes into the graph where ONNX can express it (image normalisation; scaling of "
                        + "numeric and boolean table columns, NaN for a missing cell); what stays outside is printed."})
final class ExportCommand implements Callable<Integer> {

    @ParentCommand
    Ae4jCommand app;

    @Option(names = "--model", paramLabel = "MODEL", required = true, description = "A model saved by 'ae4j train'.")
    Path model;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "onnx", description = "The format: onnx (default).")
    String format;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The file to write (atomically).")
    Path out;

    @Option(names = "--part", paramLabel = "PART", defaultValue = "full",
            description = "encoder, decoder, full or score (default: ${DEFAULT-VALUE}).")
    String part;

    @Option(names = "--no-preprocessing", description = "Leave the model's preprocessing out of the graph: its input is then "
            + "the model's own input (normalised images, encoded table features).")
    boolean noPreprocessing;

    @Override
    public Integer call() throws Exception {
        if (!format.trim().equalsIgnoreCase("onnx")) {
            throw new IllegalArgumentException("unknown export format '" + format + "'; the formats are: onnx");
        }
        OnnxExport.Part chosen = OnnxExport.Part.parse(part);
        SavedModel saved = ModelFile.load(model, app.registry());
        OnnxExport.Exported exported;
        try {
            exported = OnnxExport.of(saved, chosen, !noPreprocessing);
        } catch (UnsupportedOperationException e) {
            throw new IllegalArgumentException(model + ": " + e.getMessage(), e);
        }
        exported.write(out);
        String shape = "[batch, " + Arrays.stream(exported.inputShape()).mapToObj(Long::toString).collect(Collectors.joining(", ")) + "]";
        app.say("wrote " + out + " (" + chosen.name().toLowerCase(Locale.ROOT) + ", " + exported.bytes().length + " bytes, ONNX IR "
                + OnnxExport.IR_VERSION + ", opset " + OnnxExport.OPSET + "): input '" + exported.input() + "' " + shape
                + ", output" + (exported.outputs().size() > 1 ? "s " : " ") + String.join(", ", exported.outputs()));
        exported.notes().forEach(note -> app.say("note: " + note));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("out", out.toString());
        json.put("part", chosen.name().toLowerCase(Locale.ROOT));
        json.put("bytes", exported.bytes().length);
        json.put("input", exported.input());
        json.put("input_shape", exported.inputShape());
        json.put("outputs", exported.outputs());
        json.put("notes", exported.notes());
        app.result(json);
        return Cli.OK;
    }
}
