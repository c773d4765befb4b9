package org.ae4j.cli;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import org.ae4j.data.Dataset;
import org.ae4j.persist.AtomicFiles;
import org.ae4j.persist.SavedModel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Reconstructs clean data from (noisy, occluded, grey, watermarked) inputs, in the inputs' original scale. */
@Command(name = "denoise", mixinStandardHelpOptions = true,
        description = {"Write the model's reconstruction of every input example in the input's original scale: "
                + "with a denoising model, the cleaned data.",
                "OUT ending in .csv gets a CSV with a header; otherwise an IDX file of unsigned bytes (gzip if it ends in .gz), "
                        + "values rounded and clipped to 0…255."})
final class DenoiseCommand implements Callable<Integer> {

    @ParentCommand
    Ae4jCommand app;

    @Mixin
    ModelInput io;

    @Option(names = "--out", paramLabel = "OUT", required = true, description = "Output file (.csv, .idx, .gz).")
    Path out;

    @Override
    public Integer call() throws Exception {
        SavedModel saved = io.load(app);
        Dataset examples = io.examples(saved);
        int batchSize = saved.config().training().batchSize();
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        long per = examples.exampleLength();
        if (name.endsWith(".csv")) {
            StringBuilder csv = new StringBuilder();
            for (int j = 0; j < per; j++) {
                csv.append(j == 0 ? "" : ",").append('x').append(j);
            }
            csv.append('\n');
            for (INDArray batch : examples.batches(batchSize)) {
                CsvText.appendRows(csv, originalScale(saved, batch).reshape('c', batch.size(0), per));
            }
            AtomicFiles.write(out, csv.toString().getBytes(StandardCharsets.UTF_8));
        } else {
            AtomicFiles.write(out, idx(saved, examples, batchSize, name.endsWith(".gz")));
        }
        app.say("wrote " + examples.size() + " reconstructions to " + out);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("samples", examples.size());
        json.put("out", out.toString());
        app.result(json);
        return Cli.OK;
    }

    private static INDArray originalScale(SavedModel saved, INDArray batch) {
        INDArray reconstruction = saved.model().reconstruct(batch);
        return saved.normalizer().map(n -> n.inverse(reconstruction)).orElse(reconstruction);
    }

    private static byte[] idx(SavedModel saved, Dataset examples, int batchSize, boolean gzip) throws IOException {
        long per = examples.exampleLength();
        int side = (int) Math.round(Math.sqrt(per));
        boolean square = (long) side * side == per;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream data = new DataOutputStream(gzip ? new GZIPOutputStream(bytes) : bytes)) {
            data.writeShort(0);
            data.writeByte(0x08);
            data.writeByte(square ? 3 : 2);
            data.writeInt(examples.size());
            if (square) {
                data.writeInt(side);
                data.writeInt(side);
            } else {
                data.writeInt((int) per);
            }
            for (INDArray batch : examples.batches(batchSize)) {
                for (double v : originalScale(saved, batch).castTo(DataType.DOUBLE).reshape(batch.length()).toDoubleVector()) {
                    data.writeByte((int) Math.round(Math.max(0, Math.min(255, v))));
                }
            }
        }
        return bytes.toByteArray();
    }
}
