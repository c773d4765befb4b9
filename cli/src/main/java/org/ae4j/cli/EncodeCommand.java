package org.ae4j.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ae4j.apps.FeatureExtractor;
import org.ae4j.data.Dataset;
import org.ae4j.persist.AtomicFiles;
import org.ae4j.persist.SavedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Writes the latent code of every input example as CSV. */
@Command(name = "encode", mixinStandardHelpOptions = true,
        description = "Write the latent code of every input example as CSV (columns z0, z1, …).")
final class EncodeCommand implements Callable<Integer> {

    @ParentCommand
    Ae4jCommand app;

    @Mixin
    ModelInput io;

    @Option(names = "--out", paramLabel = "CSV", description = "Output file (default: standard output).")
    Path out;

    @Override
    public Integer call() throws Exception {
        SavedModel saved = io.load(app);
        Dataset examples = io.examples(saved);
        StringBuilder csv = new StringBuilder();
        long size = saved.model().codeSize();
        for (int j = 0; j < size; j++) {
            csv.append(j == 0 ? "" : ",").append('z').append(j);
        }
        csv.append('\n');
        CsvText.appendRows(csv, new FeatureExtractor(saved.model(), saved.config().training().batchSize()).features(examples).features());
        if (out == null) {
            app.out.print(csv);
        } else {
            AtomicFiles.write(out, csv.toString().getBytes(StandardCharsets.UTF_8));
            app.say("wrote " + examples.size() + " codes of size " + size + " to " + out);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("samples", examples.size());
        json.put("code_size", size);
        json.put("out", out == null ? null : out.toString());
        app.result(json);
        return Cli.OK;
    }
}
