import java.util.Arrays;
import java.util.List;
import org.ae4j.Ae4j;
import org.ae4j.data.Dataset;
import org.ae4j.data.FashionMnist;
import org.ae4j.data.MinMaxNormalizer;
import org.ae4j.model.Autoencoder;
import org.ae4j.registry.Registry;
import org.ae4j.spi.BuildContext;
import org.ae4j.spi.Optimizer;
import org.ae4j.spi.RandomSource;
import org.ae4j.variant.Variant;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Steady-state training steps of the default vanilla model (batch 256, embedded sample), timed in
 * rounds after a warm-up: prints the median samples/s. Used by scripts/native-builds.sh.
 */
public final class StepTiming {
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 150;
        Registry registry = Ae4j.registry();
        Variant variant = registry.variant("vanilla");
        Dataset train = MinMaxNormalizer.fitGlobal(FashionMnist.sample().train()).transform(FashionMnist.sample().train());
        Autoencoder model = variant.build(784, BuildContext.of(registry, 1));
        Optimizer optimizer = variant.optimizer().create(registry.kernels());
        RandomSource random = new RandomSource(1);
        int batches = train.size() / 256;
        INDArray[] views = new INDArray[batches];
        for (int b = 0; b < batches; b++) {
            views[b] = train.features().get(NDArrayIndex.interval(b * 256, (b + 1) * 256));
        }
        for (int i = 0; i < 100; i++) {
            step(model, optimizer, views[i % batches], random);
        }
        double[] rates = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                step(model, optimizer, views[i % batches], random);
            }
            rates[r] = steps * 256 / ((System.nanoTime() - start) / 1e9);
        }
        Arrays.sort(rates);
        System.out.printf("median %.0f samples/s (min %.0f, max %.0f) over %d rounds of %d steps%n",
                rates[rounds / 2], rates[0], rates[rounds - 1], rounds, steps);
    }

    private static void step(Autoencoder model, Optimizer optimizer, INDArray batch, RandomSource random) {
        model.computeGradients(batch, batch, org.ae4j.model.StepContext.of(random));
        optimizer.step(model.parameters());
    }
}
