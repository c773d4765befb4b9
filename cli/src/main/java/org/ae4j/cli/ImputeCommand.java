package org.ae4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.ae4j.apps.ImageInpainter;
import org.ae4j.apps.ImputationOptions;
import org.ae4j.apps.TableImputer;
import org.ae4j.bench.ImageGrid;
import org.ae4j.data.Dataset;
import org.ae4j.data.ImageFolder;
import org.ae4j.persist.AtomicFiles;
import org.ae4j.persist.ModelFile;
import org.ae4j.persist.Npy;
import org.ae4j.persist.SavedModel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Fills the missing cells of a table with a model trained on such a table. */
@Command(name = "impute", mixinStandardHelpOptions = true,
        description = {"Fill every missing cell of a table (numbers, categories, booleans) with a model trained on the table "
                + "('ae4j train --data TABLE --mask-cells 0.25' trains one for it), and write the table with its original "
                + "columns, order and scale: observed cells as they were, missing ones filled."})
final class ImputeCommand implements Callable<Integer> {

    @ParentCommand
    Ae4jCommand app;

    @Mixin
    ModelInput io;

    @Option(names = "--out", paramLabel = "CSV", required = true, description = "The filled table.")
    Path out;

    @Option(names = "--ensemble", paramLabel = "MODEL", description = "Further models trained on the same table (other "
            + "seeds); every fill is the average of all the models' (repeatable).")
    List<Path> ensemble = List.of();

    @Option(names = "--report", description = "Print how many cells were filled in each column.")
    boolean report;

    @Option(names = "--max-iterations", paramLabel = "N", description = "The most reconstruct-and-replace passes (default: 10 for "
            + "tables, 1 for images, as measured best).")
    Integer maxIterations;

    @Option(names = "--tolerance", paramLabel = "T", defaultValue = "0.001", description = "Stop when no filled value moves by more "
            + "than this, in standardised units (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--mask", paramLabel = "PNG", description = "Images: the pixels to fill, white on black, brought to the "
            + "model's image size; the same holes in every input image. --out FILE.png draws each image (up to 10) with its "
            + "holes and filled; --out FILE.npy writes every filled image in the input's scale.")
    Path mask;

    @Override
    public Integer call() throws Exception {
        SavedModel first = io.load(app);
        if (first.table().isEmpty()) {
            return inpaint(first, new ImputationOptions(maxIterations != null ? maxIterations
                    : ImageInpainter.DEFAULT_OPTIONS.maxIterations(), tolerance, 1024));
        }
        ImputationOptions options = new ImputationOptions(maxIterations != null ? maxIterations
                : ImputationOptions.defaults().maxIterations(), tolerance, 1024);
        if (mask != null) {
            throw new IllegalArgumentException("--mask is for image models; a table's missing cells are its empty ones");
        }
        List<SavedModel> models = new ArrayList<>();
        models.add(first);
        for (Path other : ensemble) {
            models.add(ModelFile.load(other, app.registry()));
        }
        TableImputer.Report done = TableImputer.of(models).imputeFile(io.input, out, Optional.empty(), options);
        long total = Arrays.stream(done.filled()).sum();
        app.say(String.format(Locale.ROOT, "filled %,d missing cells in %d pass(es) (last change %.2g); wrote %s", total,
                done.iterations(), done.lastChange(), out));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("filled", total);
        json.put("iterations", done.iterations());
        json.put("models", models.size());
        Map<String, Object> perColumn = new LinkedHashMap<>();
        for (int i = 0; i < done.columns().size(); i++) {
            perColumn.put(done.columns().get(i), done.filled()[i]);
            if (report) {
                app.say(String.format(Locale.ROOT, "  %-24s %,d", done.columns().get(i), done.filled()[i]));
            }
        }
        json.put("columns", perColumn);
        json.put("out", out.toString());
        app.result(json);
        return Cli.OK;
    }

    /** Fills the pixels the mask marks in every input image. */
    private Integer inpaint(SavedModel saved, ImputationOptions options) throws IOException {
        if (mask == null) {
            throw new IllegalArgumentException("an image model fills the pixels a --mask PNG marks (white = missing); the model was "
                    + "not trained on a table");
        }
        if (!ensemble.isEmpty()) {
            throw new IllegalArgumentException("--ensemble is for table models");
        }
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".png") && !name.endsWith(".npy")) {
            throw new IllegalArgumentException("--out must name a .png (a grid to look at) or a .npy (the filled images), got " + out);
        }
        long values = Arrays.stream(saved.inputShape()).reduce(1, Math::multiplyExact);
        ImageFolder.Geometry geometry = ModelInput.geometry(values).orElseThrow(() -> new IllegalArgumentException(
                "the model does not take square images, so a --mask PNG cannot be brought to its input"));
        float[] maskValues = ImageFolder.readFile(mask, geometry).features().castTo(
                DataType.FLOAT).data().asFloat();
        boolean[] missing = new boolean[maskValues.length];
        int holes = 0;
        for (int i = 0; i < missing.length; i++) {
            missing[i] = maskValues[i] > 127;
            holes += missing[i] ? 1 : 0;
        }
        if (holes == 0) {
            throw new IllegalArgumentException(mask + " marks no pixel: paint the pixels to fill white (> 127) on black");
        }
        Dataset images = io.examples(saved);
        ImageInpainter.Result filled = new ImageInpainter(saved.model()).inpaint(images.features(), missing,
                options);
        if (name.endsWith(".png")) {
            int side = ImageGrid.side(saved.inputShape());
            int shown = Math.min(10, images.size());
            INDArray given = images.features().get(NDArrayIndex.interval(0, shown))
                    .reshape('c', shown, (long) side * side).dup();
            for (int i = 0; i < missing.length; i++) {
                if (missing[i]) {
                    given.get(NDArrayIndex.all(), NDArrayIndex.point(i)).assign(0);
                }
            }
            INDArray result = filled.images().get(NDArrayIndex.interval(0, shown))
                    .reshape('c', shown, (long) side * side);
            AtomicFiles.write(out, ImageGrid.png(Nd4j.vstack(given, result), side,
                    shown, 3));
        } else {
            INDArray flat = filled.images().reshape('c', images.size(), values);
            INDArray raw = saved.normalizer().map(n -> n.inverse(flat)).orElse(flat);
            AtomicFiles.write(out, Npy.write(raw.castTo(DataType.FLOAT)));
        }
        app.say(String.format(Locale.ROOT, "filled %,d pixels in each of %,d images in %d pass(es) (last change %.2g); wrote %s", holes,
                images.size(), filled.iterations(), filled.lastChange(), out));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("images", images.size());
        json.put("pixels_per_image", holes);
        json.put("iterations", filled.iterations());
        json.put("out", out.toString());
        app.result(json);
        return Cli.OK;
    }
}
