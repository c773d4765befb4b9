package org.ae4j.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ae4j.bench.ImageGrid;
import org.ae4j.data.Dataset;
import org.ae4j.persist.AtomicFiles;
import org.ae4j.persist.SavedModel;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Writes a PNG grid: the first input images above their reconstructions. */
@Command(name = "reconstruct", mixinStandardHelpOptions = true,
        description = "Write a PNG grid of the first input images (top row) above their reconstructions (bottom row).")
final class ReconstructCommand implements Callable<Integer> {

    @ParentCommand
    Ae4jCommand app;

    @Mixin
    ModelInput io;

    @Option(names = "--out", paramLabel = "PNG", required = true, description = "Output image.")
    Path out;

    @Option(names = "--count", paramLabel = "N", defaultValue = "10", description = "Images per row (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--scale", paramLabel = "K", defaultValue = "3", description = "Pixels per image pixel (default: ${DEFAULT-VALUE}).")
    int scale;

    @Override
    public Integer call() throws Exception {
        if (count < 1 || scale < 1 || scale > 16) {
            throw new IllegalArgumentException("--count must be >= 1 and --scale in 1…16, got " + count + " and " + scale);
        }
        SavedModel saved = io.load(app);
        int side = ImageGrid.side(saved.inputShape());
        Dataset examples = io.examples(saved);
        int n = Math.min(count, examples.size());
        INDArray first = examples.features().get(NDArrayIndex.interval(0, n));
        INDArray grid = Nd4j.vstack(first.reshape('c', n, (long) side * side),
                saved.model().reconstruct(first).reshape('c', n, (long) side * side));
        AtomicFiles.write(out, ImageGrid.png(grid, side, n, scale));
        app.say("wrote " + n + " originals and reconstructions to " + out);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("images", n);
        json.put("out", out.toString());
        app.result(json);
        return Cli.OK;
    }
}
