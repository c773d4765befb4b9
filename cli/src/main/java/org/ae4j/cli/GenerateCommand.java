package org.ae4j.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ae4j.bench.ImageGrid;
import org.ae4j.persist.AtomicFiles;
import org.ae4j.persist.ModelFile;
import org.ae4j.persist.SavedModel;
import org.ae4j.spi.RandomSource;
import org.ae4j.vae.Vae;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Draws new examples from a VAE's prior and writes them as a PNG grid. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate new images with a variational autoencoder (z ~ N(0, I), decoded) as a PNG grid; "
                + "the same seed gives the same image.")
final class GenerateCommand implements Callable<Integer> {

    @ParentCommand
    Ae4jCommand app;

    @Option(names = "--model", paramLabel = "MODEL", required = true, description = "A VAE saved by 'ae4j train'.")
    Path model;

    @Option(names = "--n", paramLabel = "N", defaultValue = "64", description = "Images to generate (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of the draws (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "PNG", required = true, description = "Output image.")
    Path out;

    @Option(names = "--scale", paramLabel = "K", defaultValue = "2", description = "Pixels per image pixel (default: ${DEFAULT-VALUE}).")
    int scale;

    @Override
    public Integer call() throws Exception {
        if (n < 1 || n > 10_000 || scale < 1 || scale > 16) {
            throw new IllegalArgumentException("--n must be in 1…10000 and --scale in 1…16, got " + n + " and " + scale);
        }
        SavedModel saved = ModelFile.load(model, app.registry());
        Vae vae = new Vae(saved.model());
        int side = ImageGrid.side(saved.inputShape());
        int columns = (int) Math.ceil(Math.sqrt(n));
        AtomicFiles.write(out, ImageGrid.png(vae.sample(n, new RandomSource(seed)), side, columns, scale));
        app.say("wrote " + n + " generated images to " + out);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("images", n);
        json.put("seed", seed);
        json.put("out", out.toString());
        app.result(json);
        return Cli.OK;
    }
}
