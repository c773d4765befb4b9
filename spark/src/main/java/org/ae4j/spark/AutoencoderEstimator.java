package org.ae4j.spark;

import java.util.Arrays;
import java.util.Optional;
import org.ae4j.spi.RandomSource;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.apiguardian.api.API;

/**
 * Trains an ae4j autoencoder on a Spark {@code DataFrame} as a Spark ML {@code Estimator}. The input is either a
 * vector column ({@code featuresCol}) or raw columns ({@code inputCols}: numbers, text, booleans, missing cells),
 * encoded by ae4j's own table schema, fitted on a seeded sample of the rows and saved in the model, exactly as
 * {@code ae4j train --data table.csv} would. The model is the {@code variant}'s defaults (sized for the table when the
 * input is raw columns), or {@code configJson}, a config as {@code ae4j train --config} reads it.
 *
 * <p>Training is synchronous and seeded, in one of two {@link TrainingMode}s. Each partition is encoded once and
 * cached; a global batch of {@code batchSize} rows is spread over the partitions that hold rows. A seeded share of
 * the rows ({@code validationFraction}) is held out to report a validation loss per epoch and to calibrate the anomaly
 * threshold at {@code falsePositiveRate}. {@link #fit} returns an {@link AutoencoderModel}.
 *
 * <pre>{@code
 * AutoencoderModel model = new AutoencoderEstimator()
 *         .setInputCols(new String[] {"amount", "merchant", "country", "hour"})
 *         .setEpochs(20)
 *         .fit(transactions);
 * Dataset<Row> scored = model.transform(today);   // + code, score, is_anomaly
 * }</pre>
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class AutoencoderEstimator extends Estimator<AutoencoderModel>
        implements ColumnParams<AutoencoderEstimator>, DefaultParamsWritable {

    private static final long serialVersionUID = 1L;

    private final String uid;

    private final Param<String> featuresCol;
    private final StringArrayParam inputCols;
    private final Param<String> codeCol;
    private final Param<String> scoreCol;
    private final Param<String> anomalyCol;
    private final Param<String> reconstructionCol;
    private final IntParam scoringBatchSize;
    private final Param<String> labelCol;
    private final Param<String> variant;
    private final Param<String> configJson;
    private final IntArrayParam inputShape;
    private final IntParam epochs;
    private final IntParam batchSize;
    private final LongParam seed;
    private final IntParam workers;
    private final Param<String> trainingMode;
    private final IntParam averagingSteps;
    private final DoubleParam blockMomentum;
    private final DoubleParam validationFraction;
    private final DoubleParam falsePositiveRate;
    private final IntParam schemaSampleRows;

    public AutoencoderEstimator(String uid) {
        this.uid = uid;
        this.featuresCol = SharedParams.featuresCol(this);
        this.inputCols = SharedParams.inputCols(this);
        this.codeCol = SharedParams.codeCol(this);
        this.scoreCol = SharedParams.scoreCol(this);
        this.anomalyCol = SharedParams.anomalyCol(this);
        this.reconstructionCol = SharedParams.reconstructionCol(this);
        this.scoringBatchSize = SharedParams.scoringBatchSize(this);
        this.labelCol = new Param<>(this, "labelCol",
            "a label column, left out of the raw features and recorded in the model's schema; empty for none");
        this.variant = new Param<>(this, "variant", "the registered variant whose defaults to train "
            + "(ignored when configJson is set)");
        this.configJson = new Param<>(this, "configJson", "a model config as JSON, as 'ae4j train --config' "
            + "reads it; empty: the variant's defaults");
        this.inputShape = new IntArrayParam(this, "inputShape", "the per-row input shape, e.g. [1, 28, 28] "
            + "for a convolutional variant; empty: the features as a flat vector");
        this.epochs = new IntParam(this, "epochs", "passes over the data (0: the config's, or the table defaults')",
            ParamValidators.gtEq(0));
        this.batchSize = new IntParam(this, "batchSize", "rows per step across all partitions (0: the config's)",
            ParamValidators.gtEq(0));
        this.seed = new LongParam(this, "seed", "the seed of every random choice (split, shuffles, initialisation)");
        this.workers = new IntParam(this, "workers", "data-parallel lanes (threads) per task, >= 1; give each "
            + "task as many cores (spark.task.cpus)", ParamValidators.inRange(1, 256));
        this.trainingMode = new Param<>(this, "trainingMode", "'parameter-averaging' (K local steps, then "
            + "parameters and optimizer state averaged) or 'gradient-aggregation' (every step's gradients summed, exact)");
        this.averagingSteps = new IntParam(this, "averagingSteps", "parameter averaging: local steps between "
            + "averagings, >= 1", ParamValidators.gtEq(1));
        this.blockMomentum = new DoubleParam(this, "blockMomentum", "parameter averaging: the block momentum η in [0, 1) that "
            + "filters each round's averaged move (G ← η·G + Δ; Chen & Huo 2016); 0: plain averaging; negative (the default): "
            + "1 − 1/partitions", ParamValidators.inRange(-1, 1, true, false));
        this.validationFraction = new DoubleParam(this, "validationFraction", "the share of rows held out for "
            + "the validation loss and the anomaly threshold, in [0, 1); 0: none (and no threshold)",
            ParamValidators.inRange(0, 1, true, false));
        this.falsePositiveRate = new DoubleParam(this, "falsePositiveRate", "the share of held-out rows the "
            + "threshold flags, in (0, 1)", ParamValidators.inRange(0, 1, false, false));
        this.schemaSampleRows = new IntParam(this, "schemaSampleRows", "raw columns: the table schema is fitted "
            + "on a seeded sample of at most this many rows", ParamValidators.gtEq(1));
        setDefault(featuresCol, SharedParams.FEATURES);
        setDefault(inputCols, new String[0]);
        setDefault(codeCol, SharedParams.CODE);
        setDefault(scoreCol, SharedParams.SCORE);
        setDefault(anomalyCol, SharedParams.ANOMALY);
        setDefault(reconstructionCol, "");
        setDefault(scoringBatchSize, 256);
        setDefault(labelCol, "");
        setDefault(variant, "vanilla");
        setDefault(configJson, "");
        setDefault(inputShape, new int[0]);
        setDefault(epochs, 0);
        setDefault(batchSize, 0);
        setDefault(seed, RandomSource.DEFAULT_SEED);
        setDefault(workers, 1);
        setDefault(trainingMode, TrainingMode.PARAMETER_AVERAGING.paramValue());
        setDefault(averagingSteps, 16);
        setDefault(blockMomentum, -1.0);
        setDefault(validationFraction, 0.1);
        setDefault(falsePositiveRate, 0.05);
        setDefault(schemaSampleRows, 100_000);
    }

    public AutoencoderEstimator() {
        this(Identifiable$.MODULE$.randomUID("ae4jAutoencoder"));
    }

    @Override
    public String uid() {
        return uid;
    }

    // ---- params (Spark ML finds them through these methods) ----

    @Override
    public Param<String> featuresCol() {
        return featuresCol;
    }

    @Override
    public StringArrayParam inputCols() {
        return inputCols;
    }

    @Override
    public Param<String> codeCol() {
        return codeCol;
    }

    @Override
    public Param<String> scoreCol() {
        return scoreCol;
    }

    @Override
    public Param<String> anomalyCol() {
        return anomalyCol;
    }

    @Override
    public Param<String> reconstructionCol() {
        return reconstructionCol;
    }

    @Override
    public IntParam scoringBatchSize() {
        return scoringBatchSize;
    }

    public Param<String> labelCol() {
        return labelCol;
    }

    public Param<String> variant() {
        return variant;
    }

    public Param<String> configJson() {
        return configJson;
    }

    public IntArrayParam inputShape() {
        return inputShape;
    }

    public IntParam epochs() {
        return epochs;
    }

    public IntParam batchSize() {
        return batchSize;
    }

    public LongParam seed() {
        return seed;
    }

    public IntParam workers() {
        return workers;
    }

    public Param<String> trainingMode() {
        return trainingMode;
    }

    public IntParam averagingSteps() {
        return averagingSteps;
    }

    public DoubleParam blockMomentum() {
        return blockMomentum;
    }

    public DoubleParam validationFraction() {
        return validationFraction;
    }

    public DoubleParam falsePositiveRate() {
        return falsePositiveRate;
    }

    public IntParam schemaSampleRows() {
        return schemaSampleRows;
    }

    // ---- setters ----

    public AutoencoderEstimator setLabelCol(String value) {
        return (AutoencoderEstimator) set(labelCol, value);
    }

    public AutoencoderEstimator setVariant(String value) {
        return (AutoencoderEstimator) set(variant, value);
    }

    public AutoencoderEstimator setConfigJson(String value) {
        return (AutoencoderEstimator) set(configJson, value);
    }

    public AutoencoderEstimator setInputShape(int[] value) {
        return (AutoencoderEstimator) set(inputShape, value);
    }

    public AutoencoderEstimator setEpochs(int value) {
        return (AutoencoderEstimator) set(epochs, value);
    }

    public AutoencoderEstimator setBatchSize(int value) {
        return (AutoencoderEstimator) set(batchSize, value);
    }

    public AutoencoderEstimator setSeed(long value) {
        return (AutoencoderEstimator) set(seed, value);
    }

    public AutoencoderEstimator setWorkers(int value) {
        return (AutoencoderEstimator) set(workers, value);
    }

    public AutoencoderEstimator setTrainingMode(TrainingMode value) {
        return (AutoencoderEstimator) set(trainingMode, value.paramValue());
    }

    public AutoencoderEstimator setAveragingSteps(int value) {
        return (AutoencoderEstimator) set(averagingSteps, value);
    }

    public AutoencoderEstimator setBlockMomentum(double value) {
        return (AutoencoderEstimator) set(blockMomentum, value);
    }

    public AutoencoderEstimator setValidationFraction(double value) {
        return (AutoencoderEstimator) set(validationFraction, value);
    }

    public AutoencoderEstimator setFalsePositiveRate(double value) {
        return (AutoencoderEstimator) set(falsePositiveRate, value);
    }

    public AutoencoderEstimator setSchemaSampleRows(int value) {
        return (AutoencoderEstimator) set(schemaSampleRows, value);
    }

    // ---- Estimator ----

    private FeatureColumns features() {
        return FeatureColumns.of(this);
    }

    @Override
    public StructType transformSchema(StructType schema) {
        features().validate(schema, "AutoencoderEstimator");
        String label = getOrDefault(labelCol);
        if (!label.isEmpty() && !Arrays.asList(schema.fieldNames()).contains(label)) {
            throw new IllegalArgumentException("AutoencoderEstimator: the DataFrame has no column '" + label + "' (labelCol); "
                    + "its columns: " + String.join(", ", schema.fieldNames()));
        }
        TrainingMode.named(getOrDefault(trainingMode));
        return schema;
    }

    @Override
    public AutoencoderModel fit(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        String label = getOrDefault(labelCol);
        SparkTrainer.Settings settings = new SparkTrainer.Settings(features(), label.isEmpty() ? Optional.empty() : Optional.of(label),
                getOrDefault(variant), getOrDefault(configJson), Arrays.stream(getOrDefault(inputShape)).asLongStream().toArray(),
                (Integer) getOrDefault(epochs), (Integer) getOrDefault(batchSize), (Long) getOrDefault(seed),
                (Integer) getOrDefault(workers), TrainingMode.named(getOrDefault(trainingMode)), (Integer) getOrDefault(averagingSteps),
                (Double) getOrDefault(blockMomentum),
                (Double) getOrDefault(validationFraction), (Double) getOrDefault(falsePositiveRate),
                (Integer) getOrDefault(schemaSampleRows), uid);
        @SuppressWarnings("unchecked")
        SparkTrainer.Trained trained = SparkTrainer.train((Dataset<Row>) dataset.toDF(), settings);
        AutoencoderModel model = new AutoencoderModel(Identifiable$.MODULE$.randomUID("ae4jAutoencoderModel"), trained.modelFile())
                .withHistory(trained.history());
        copyValues(model, ParamMap.empty());
        if (features().raw()) {
            model.setInputCols(getOrDefault(inputCols));
        }
        return model.setParent(this);
    }

    @Override
    public AutoencoderEstimator copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    /** The reader of saved estimators. */
    public static MLReader<AutoencoderEstimator> read() {
        return new DefaultParamsReader<>();
    }

    /** Loads an estimator saved with {@code save}. */
    public static AutoencoderEstimator load(String path) {
        return read().load(path);
    }
}
