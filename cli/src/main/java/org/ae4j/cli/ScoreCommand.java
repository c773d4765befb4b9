package org.ae4j.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ae4j.data.Dataset;
import org.ae4j.persist.AtomicFiles;
import org.ae4j.persist.SavedModel;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Writes each input example's reconstruction error (an anomaly score) as CSV. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Write each example's reconstruction error — its anomaly score, higher is more unusual — as CSV.")
final class ScoreCommand implements Callable<Integer> {

    @ParentCommand
    Ae4jCommand app;

    @Mixin
    ModelInput io;

    @Option(names = "--out", paramLabel = "CSV", required = true, description = "Output file: columns index,score.")
    Path out;

    @Override
    public Integer call() throws Exception {
        SavedModel saved = io.load(app);
        Dataset examples = io.examples(saved);
        StringBuilder csv = new StringBuilder("index,score\n");
        int index = 0;
        double sum = 0;
        for (INDArray batch : examples.batches(saved.config().training().batchSize())) {
            for (double score : saved.model().reconstructionLossPerExample(batch).castTo(
                    org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleVector()) {
                csv.append(index++).append(',').append(score).append('\n');
                sum += score;
            }
        }
        AtomicFiles.write(out, csv.toString().getBytes(StandardCharsets.UTF_8));
        app.say("wrote " + index + " scores (" + saved.model().loss().name() + " per example) to " + out);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("samples", index);
        json.put("mean_score", Ae4jCommand.number(sum / index));
        json.put("out", out.toString());
        app.result(json);
        return Cli.OK;
    }
}
