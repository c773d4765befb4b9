package org.ae4j.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.ae4j.apps.AnomalyDetector;
import org.ae4j.config.ConfigCodec;
import org.ae4j.config.ModelConfig;
import org.ae4j.data.table.SchemaFitter;
import org.ae4j.data.table.TableOptions;
import org.ae4j.data.table.TableSchema;
import org.ae4j.model.Autoencoder;
import org.ae4j.persist.AnomalyThreshold;
import org.ae4j.persist.Provenance;
import org.ae4j.persist.SavedModel;
import org.ae4j.persist.TrainingMetadata;
import org.ae4j.registry.Registry;
import org.ae4j.spi.Optimizer;
import org.ae4j.train.EpochMetrics;
import org.ae4j.train.OutputBias;
import org.ae4j.train.TrainingConfig;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's side of {@link AutoencoderEstimator#fit}: fits the table schema (raw columns) on a seeded sample,
 * encodes and caches each partition once, builds the model from the variant or config, starts its output bias at the
 * data's statistics (summed over the partitions), runs the epochs in the chosen {@link TrainingMode}, validates on
 * the held-out rows, calibrates the anomaly threshold on them, and writes the {@code .ae4j} file.
 */
final class SparkTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(SparkTrainer.class);
    /** Held-out scores collected to the driver for the threshold at most (a seeded sample beyond). */
    static final int MAX_CALIBRATION_ROWS = 1_000_000;

    /** The estimator's params, resolved. */
    record Settings(FeatureColumns features, Optional<String> labelCol, String variant, String configJson, long[] inputShape,
                    int epochs, int batchSize, long seed, int workers, TrainingMode mode, int averagingSteps, double blockMomentum,
                    double validationFraction, double falsePositiveRate, int schemaSampleRows, String uid) {
    }

    /** The trained model's file and its history. */
    record Trained(byte[] modelFile, SavedModel saved, List<EpochMetrics> history) {
    }

    private SparkTrainer() {
    }

    static Trained train(Dataset<Row> data, Settings settings) {
        Registry registry = ExecutorCache.registry();
        ConfigCodec codec = new ConfigCodec(registry);
        long rowCount = data.count();
        if (rowCount == 0) {
            throw new IllegalArgumentException("AutoencoderEstimator: the DataFrame has no rows to train on");
        }
        Optional<TableSchema> table = settings.features().raw() ? Optional.of(fitSchema(data, settings, rowCount)) : Optional.empty();
        int width = table.map(TableSchema::width).orElseGet(() -> vectorWidth(data, settings.features().vectorColumn()));
        long[] inputShape = settings.inputShape().length > 0 ? settings.inputShape() : new long[] {width};
        long product = 1;
        for (long d : inputShape) {
            product *= d;
        }
        if (product != width) {
            throw new IllegalArgumentException("AutoencoderEstimator: inputShape " + java.util.Arrays.toString(inputShape) + " holds "
                    + product + " values, but the features have " + width);
        }
        ModelConfig config = settings.configJson().isEmpty() ? ModelConfig.defaults(registry.variant(settings.variant()))
                : codec.read(settings.configJson(), "the configJson param");
        if (table.isPresent() && settings.configJson().isEmpty()) {
            config = config.forTable(width, rowCount);
        }
        config = config.withTraining(overrides(config.training(), settings));
        TrainingConfig training = config.training();
        Autoencoder model = config.build(inputShape, registry);
        Optimizer optimizer = config.optimizer().create(model.kernels());

        JavaRDD<Shard> shards = encode(data, settings, table, width, training, model.loss().skipsMissingTargets(), codec);
        try {
            List<long[]> counts = shards.map(s -> new long[] {s.trainRows, s.heldOutRows}).collect();
            long trainRows = counts.stream().mapToLong(c -> c[0]).sum();
            long heldOutRows = counts.stream().mapToLong(c -> c[1]).sum();
            long largest = counts.stream().mapToLong(c -> c[0]).max().orElse(0);
            long busy = counts.stream().filter(c -> c[0] > 0).count();
            if (trainRows == 0) {
                throw new IllegalArgumentException("AutoencoderEstimator: no rows are left for training after holding out "
                        + heldOutRows + " for validation");
            }
            int slots = data.sparkSession().sparkContext().defaultParallelism();
            if (busy < slots) {
                LOG.warn("the DataFrame's rows are in {} partition(s) for {} task slots: training uses {} of them; repartition it "
                        + "(e.g. dataset.repartition({})) to train on all", busy, slots, busy, slots);
            }
            int localBatch = (int) Math.max(1, (training.batchSize() + busy - 1) / busy);
            int steps = (int) ((largest + localBatch - 1) / localBatch);
            if (training.initOutputBias()) {
                initOutputBias(model, shards, width, model.loss().skipsMissingTargets());
            }
            JobSpec spec = new JobSpec(settings.uid() + "-" + UUID.randomUUID(), codec.toJson(config), inputShape, training.seed(),
                    localBatch, training.clipNorm(), training.workers());
            TrainingJob job = new TrainingJob(JavaSparkContext.fromSparkContext(data.sparkSession().sparkContext()), shards, spec,
                    model, optimizer, steps);
            LOG.info("training {} ({} parameters) on {} rows in {} partitions ({} held out), {} epochs of {} rows ({} per partition, "
                            + "{} steps per epoch), {}", config.variant(), model.parameterCount(), trainRows, counts.size(), heldOutRows,
                    training.epochs(), training.batchSize(), localBatch, steps, settings.mode().paramValue());
            DistributedTraining strategy = settings.mode().strategy(settings.averagingSteps(),
                    settings.blockMomentum() >= 0 ? settings.blockMomentum() : 1 - 1.0 / busy);
            List<EpochMetrics> history = new ArrayList<>();
            for (int epoch = 1; epoch <= training.epochs(); epoch++) {
                long start = System.nanoTime();
                DistributedTraining.EpochSum sum = strategy.epoch(job, epoch);
                double seconds = (System.nanoTime() - start) / 1e9;
                double validation = heldOutRows == 0 ? Double.NaN : heldOutLoss(job);
                EpochMetrics metrics = new EpochMetrics(epoch, sum.mean(), validation, sum.rows(), seconds);
                history.add(metrics);
                LOG.info(String.format(Locale.ROOT, "epoch %d/%d  train loss %.6f  val loss %.6f  %,.0f rows/s  %.1f s", epoch,
                        training.epochs(), metrics.trainLoss(), validation, metrics.samplesPerSecond(), seconds));
            }
            Optional<AnomalyThreshold> threshold = heldOutRows == 0 ? Optional.empty()
                    : Optional.of(calibrate(job, heldOutRows, settings.falsePositiveRate()));
            EpochMetrics last = history.get(history.size() - 1);
            double steady = history.stream().skip(history.size() > 1 ? 1 : 0).mapToDouble(EpochMetrics::samplesPerSecond).average()
                    .orElse(Double.NaN);
            TrainingMetadata metadata = new TrainingMetadata(history.size(), last.trainLoss(), last.validationLoss(),
                    "Spark DataFrame (" + settings.mode().paramValue() + ", " + counts.size() + " partitions)", training.seed(),
                    Instant.now().toString(), steady, Provenance.of(model.kernels(), training.workers()));
            SavedModel saved = new SavedModel(config, inputShape, Optional.empty(), model, metadata, Optional.empty(), table, threshold);
            return new Trained(ModelBytes.write(saved, registry), saved, history);
        } finally {
            shards.unpersist(false);
        }
    }

    /** The config's training settings with the params that were set. */
    private static TrainingConfig overrides(TrainingConfig training, Settings settings) {
        TrainingConfig t = training.withSeed(settings.seed()).withWorkers(settings.workers())
                .withValidationFraction(settings.validationFraction()).withEarlyStopping(0, 0);
        if (settings.epochs() > 0) {
            t = t.withEpochs(settings.epochs());
        }
        if (settings.batchSize() > 0) {
            t = t.withBatchSize(settings.batchSize());
        }
        return t;
    }

    /** Fits the schema of the raw columns on a seeded sample of at most {@code schemaSampleRows} rows. */
    private static TableSchema fitSchema(Dataset<Row> data, Settings settings, long rowCount) {
        List<String> header = new ArrayList<>(settings.features().rawColumns());
        settings.labelCol().ifPresent(header::add);
        TableOptions options = settings.labelCol().map(TableOptions.defaults()::withLabel).orElse(TableOptions.defaults());
        SchemaFitter fitter = new SchemaFitter(header, options, settings.seed(), "DataFrame");
        double fraction = Math.min(1.0, 1.1 * settings.schemaSampleRows() / rowCount);
        Dataset<Row> sample = data.selectExpr(header.stream().map(c -> "`" + c.replace("`", "``") + "`").toArray(String[]::new));
        if (fraction < 1) {
            sample = sample.sample(false, fraction, settings.seed());
        }
        Iterator<Row> rows = sample.toLocalIterator();
        List<String> cells = new ArrayList<>(header.size());
        long index = 0;
        while (rows.hasNext() && index < settings.schemaSampleRows()) {
            Row row = rows.next();
            cells.clear();
            for (int i = 0; i < header.size(); i++) {
                cells.add(FeatureColumns.cell(row.get(i)));
            }
            fitter.accept(cells, index++);
        }
        return fitter.fit(0, settings.seed());
    }

    private static int vectorWidth(Dataset<Row> data, String column) {
        Row first = data.select(column).head();
        Object value = first.get(0);
        if (value == null) {
            throw new IllegalArgumentException("AutoencoderEstimator: column '" + column + "' is null in the first row");
        }
        return value instanceof Vector v ? v.size() : first.getList(0).size();
    }

    /** Each partition encoded once into a cached {@link Shard}. */
    private static JavaRDD<Shard> encode(Dataset<Row> data, Settings settings, Optional<TableSchema> table, int width,
                                         TrainingConfig training, boolean allowMissing, ConfigCodec codec) {
        FeatureColumns features = settings.features();
        StructType schema = data.schema();
        String schemaJson = table.map(t -> json(codec.mapper(), t)).orElse(null);
        double heldOut = training.validationFraction();
        long seed = training.seed();
        JavaRDD<Shard> shards = data.toJavaRDD().mapPartitionsWithIndex((partition, rows) -> {
            Optional<TableSchema> fitted = schemaJson == null ? Optional.empty()
                    : Optional.of(new ConfigCodec(ExecutorCache.registry()).mapper().readValue(schemaJson, TableSchema.class));
            FeatureColumns.Reader reader = features.reader(schema, width, fitted);
            return List.of(Shard.encode(partition, rows, reader, width, heldOut, seed, allowMissing)).iterator();
        }, true);
        return shards.persist(StorageLevel.MEMORY_AND_DISK());
    }

    private static String json(ObjectMapper mapper, TableSchema schema) {
        try {
            return mapper.writeValueAsString(schema);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the table schema cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Sets the output bias from each feature's mean and variance over the training rows (observed entries only). */
    private static void initOutputBias(Autoencoder model, JavaRDD<Shard> shards, int width, boolean skipMissing) {
        double[] sums = shards.map(shard -> {
            double[] s = new double[3 * width];
            for (int r = 0; r < shard.trainRows; r++) {
                for (int j = 0; j < width; j++) {
                    float x = shard.train[r * width + j];
                    if (!Float.isNaN(x)) {
                        s[j] += x;
                        s[width + j] += (double) x * x;
                        s[2 * width + j]++;
                    }
                }
            }
            return s;
        }).reduce((a, b) -> {
            for (int i = 0; i < a.length; i++) {
                a[i] += b[i];
            }
            return a;
        });
        double[] mean = new double[width];
        double[] variance = new double[width];
        for (int j = 0; j < width; j++) {
            double n = Math.max(sums[2 * width + j], 1e-12);
            mean[j] = sums[j] / n;
            variance[j] = Math.max(0, sums[width + j] / n - mean[j] * mean[j]);
        }
        org.nd4j.linalg.api.buffer.DataType type = model.parameters().get(0).value().dataType();
        OutputBias.initialize(model, Nd4j.createFromArray(mean).reshape(1, width).castTo(type),
                Nd4j.createFromArray(variance).reshape(1, width).castTo(type));
    }

    /** The mean reconstruction loss of the held-out rows under the driver's current parameters. */
    private static double heldOutLoss(TrainingJob job) {
        JobSpec spec = job.spec();
        var parameters = job.broadcast(Flat.values(job.parameters()));
        Contribution total = job.aggregate((sum, shard) -> sum.plus(Replica.with(spec, replica -> {
            Flat.setValues(replica.parameters(), parameters.value());
            double s = 0;
            for (double x : replica.scores(shard.heldOut, shard.heldOutRows)) {
                s += x;
            }
            return Contribution.of(shard.heldOutRows, s, null, null, 0);
        })));
        parameters.destroy();
        return total.lossSum / total.rows;
    }

    /** The threshold at {@code falsePositiveRate} of the held-out rows' scores (a seeded sample of them beyond the cap). */
    private static AnomalyThreshold calibrate(TrainingJob job, long heldOutRows, double falsePositiveRate) {
        JobSpec spec = job.spec();
        var parameters = job.broadcast(Flat.values(job.parameters()));
        JavaRDD<Double> scores = job.shards().flatMap(shard -> Replica.with(spec, replica -> {
            Flat.setValues(replica.parameters(), parameters.value());
            return java.util.Arrays.stream(replica.scores(shard.heldOut, shard.heldOutRows)).boxed().iterator();
        }));
        if (heldOutRows > MAX_CALIBRATION_ROWS) {
            scores = scores.sample(false, (double) MAX_CALIBRATION_ROWS / heldOutRows, spec.seed());
        }
        double[] collected = scores.collect().stream().mapToDouble(Double::doubleValue).toArray();
        parameters.destroy();
        return new AnomalyThreshold(falsePositiveRate, AnomalyDetector.thresholdFor(collected, falsePositiveRate), collected.length);
    }
}
