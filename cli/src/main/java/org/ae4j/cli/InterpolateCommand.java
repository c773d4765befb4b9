package org.ae4j.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ae4j.bench.ImageGrid;
import org.ae4j.data.Dataset;
import org.ae4j.persist.AtomicFiles;
import org.ae4j.persist.SavedModel;
import org.ae4j.vae.Vae;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Decodes the straight line between two inputs' latent codes, as a PNG strip. */
@Command(name = "interpolate", mixinStandardHelpOptions = true,
        description = "Decode the straight line between the latent codes (posterior means) of two input examples "
                + "into a PNG strip, ends included.")
final class InterpolateCommand implements Callable<Integer> {

    @ParentCommand
    Ae4jCommand app;

    @Mixin
    ModelInput io;

    @Option(names = "--from", paramLabel = "I", defaultValue = "0", description = "Index of the first example (default: ${DEFAULT-VALUE}).")
    int from;

    @Option(names = "--to", paramLabel = "J", defaultValue = "1", description = "Index of the second example (default: ${DEFAULT-VALUE}).")
    int to;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "10", description = "Images in the strip (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--out", paramLabel = "PNG", required = true, description = "Output image.")
    Path out;

    @Override
    public Integer call() throws Exception {
        SavedModel saved = io.load(app);
        Vae vae = new Vae(saved.model());
        int side = ImageGrid.side(saved.inputShape());
        Dataset examples = io.examples(saved);
        for (int index : new int[] {from, to}) {
            if (index < 0 || index >= examples.size()) {
                throw new IllegalArgumentException("example " + index + " does not exist; the input has " + examples.size());
            }
        }
        var path = vae.interpolate(examples.features().getRow(from, true), examples.features().getRow(to, true), steps);
        AtomicFiles.write(out, ImageGrid.png(path, side, steps, 3));
        app.say("wrote " + steps + " interpolated images to " + out);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("steps", steps);
        json.put("out", out.toString());
        app.result(json);
        return Cli.OK;
    }
}
