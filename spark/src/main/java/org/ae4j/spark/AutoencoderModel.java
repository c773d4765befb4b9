package org.ae4j.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.ae4j.persist.AnomalyThreshold;
import org.ae4j.persist.ModelFile;
import org.ae4j.persist.SavedModel;
import org.ae4j.train.EpochMetrics;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apiguardian.api.API;

/**
 * A trained ae4j autoencoder as a Spark ML {@code Model}: {@link #transform} appends to each row its code, its anomaly
 * score (the reconstruction error, as {@code ae4j score} computes it), whether the score is above the threshold
 * calibrated at training, and optionally its reconstruction. The model's {@code .ae4j} file is broadcast once per
 * {@code transform}, loaded once per executor JVM and shared by its tasks; rows are scored in batches.
 *
 * <p>Made by {@link AutoencoderEstimator#fit}, loaded from a saved pipeline ({@link #load}) or from a model file
 * trained with the {@code ae4j} command ({@link #fromFile}). Saved with Spark ML's persistence: the params as Spark
 * writes them, and the {@code .ae4j} file — checksummed, refused when altered — under {@code data/model.ae4j}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class AutoencoderModel extends Model<AutoencoderModel>
        implements ColumnParams<AutoencoderModel>, MLWritable {

    private static final long serialVersionUID = 1L;
    private static final String MODEL_ENTRY = "data/model.ae4j";

    private final String uid;
    private final byte[] modelFile;
    private final String key;
    private transient SavedModel saved;
    private transient Broadcast<byte[]> broadcast;
    private transient List<EpochMetrics> history = List.of();

    private final Param<String> featuresCol;
    private final StringArrayParam inputCols;
    private final Param<String> codeCol;
    private final Param<String> scoreCol;
    private final Param<String> anomalyCol;
    private final Param<String> reconstructionCol;
    private final IntParam scoringBatchSize;
    private final DoubleParam threshold;

    /**
     * A model over an {@code .ae4j} file's bytes, checked and parsed here on the driver.
     *
     * @throws org.ae4j.persist.ModelFileException if the bytes are not a valid model file of a format this ae4j reads
     */
    public AutoencoderModel(String uid, byte[] modelFile) {
        this.uid = uid;
        this.featuresCol = SharedParams.featuresCol(this);
        this.inputCols = SharedParams.inputCols(this);
        this.codeCol = SharedParams.codeCol(this);
        this.scoreCol = SharedParams.scoreCol(this);
        this.anomalyCol = SharedParams.anomalyCol(this);
        this.reconstructionCol = SharedParams.reconstructionCol(this);
        this.scoringBatchSize = SharedParams.scoringBatchSize(this);
        this.threshold = new DoubleParam(this, "threshold",
            "flag rows scoring above this instead of the threshold calibrated at training (NaN: the calibrated one)");
        this.modelFile = modelFile.clone();
        this.key = uid + "-" + sha256(modelFile);
        this.saved = ModelBytes.read(this.modelFile, ExecutorCache.registry());
        setDefault(featuresCol, SharedParams.FEATURES);
        setDefault(inputCols, saved.table().map(t -> t.features().stream().map(org.ae4j.data.table.ColumnSpec::name).toArray(String[]::new)).orElse(new String[0]));
        setDefault(codeCol, SharedParams.CODE);
        setDefault(scoreCol, SharedParams.SCORE);
        setDefault(anomalyCol, SharedParams.ANOMALY);
        setDefault(reconstructionCol, "");
        setDefault(scoringBatchSize, 256);
        setDefault(threshold, Double.NaN);
    }

    /** A model trained by the {@code ae4j} command (or saved by {@link #saveModelFile}), read and checked from {@code file}. */
    public static AutoencoderModel fromFile(Path file) throws IOException {
        ModelFile.load(file, ExecutorCache.registry());
        return new AutoencoderModel(Identifiable$.MODULE$.randomUID("ae4jAutoencoderModel"), Files.readAllBytes(file));
    }

    /** Writes the model's {@code .ae4j} file, for the {@code ae4j} command and the Java API. */
    public void saveModelFile(Path file) throws IOException {
        org.ae4j.persist.AtomicFiles.write(file, modelFile);
    }

    /** The model as ae4j's Java API sees it (config, schema, threshold, metadata, parameters). */
    public SavedModel savedModel() {
        if (saved == null) {
            saved = ModelBytes.read(modelFile, ExecutorCache.registry());
        }
        return saved;
    }

    /**
     * Each epoch's training loss, validation loss (on the held-out rows), rows and seconds, for a model that
     * {@link AutoencoderEstimator#fit} just made; empty for a loaded one (its file keeps the last epoch's, in
     * {@code savedModel().metadata()}).
     */
    public List<EpochMetrics> trainingHistory() {
        return history == null ? List.of() : history;
    }

    AutoencoderModel withHistory(List<EpochMetrics> epochs) {
        this.history = List.copyOf(epochs);
        return this;
    }

    /** The threshold calibrated at training, if any. */
    public Optional<AnomalyThreshold> calibratedThreshold() {
        return savedModel().threshold();
    }

    @Override
    public String uid() {
        return uid;
    }

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

    public DoubleParam threshold() {
        return threshold;
    }

    public AutoencoderModel setThreshold(double value) {
        return (AutoencoderModel) set(threshold, value);
    }

    private FeatureColumns features() {
        return FeatureColumns.of(this);
    }

    /** The threshold in force: the param's when set to a number, else the calibrated one (NaN: none). */
    private double thresholdInForce() {
        double set = (Double) getOrDefault(threshold);
        return !Double.isNaN(set) ? set : calibratedThreshold().map(AnomalyThreshold::threshold).orElse(Double.NaN);
    }

    private PartitionScorer.Outputs outputs() {
        double cut = thresholdInForce();
        return new PartitionScorer.Outputs(!getOrDefault(codeCol).isEmpty(), !getOrDefault(scoreCol).isEmpty(), cut,
                !getOrDefault(anomalyCol).isEmpty() && !Double.isNaN(cut), !getOrDefault(reconstructionCol).isEmpty());
    }

    @Override
    public StructType transformSchema(StructType schema) {
        features().validate(schema, "AutoencoderModel");
        PartitionScorer.Outputs outputs = outputs();
        List<StructField> fields = new ArrayList<>(List.of(schema.fields()));
        List<String> names = new ArrayList<>(List.of(schema.fieldNames()));
        addColumn(fields, names, outputs.code(), getOrDefault(codeCol), SQLDataTypes.VectorType());
        addColumn(fields, names, outputs.score(), getOrDefault(scoreCol), DataTypes.DoubleType);
        addColumn(fields, names, outputs.anomaly(), getOrDefault(anomalyCol), DataTypes.BooleanType);
        addColumn(fields, names, outputs.reconstruction(), getOrDefault(reconstructionCol), SQLDataTypes.VectorType());
        return new StructType(fields.toArray(StructField[]::new));
    }

    private static void addColumn(List<StructField> fields, List<String> names, boolean wanted, String name,
                                  org.apache.spark.sql.types.DataType type) {
        if (!wanted) {
            return;
        }
        if (names.contains(name)) {
            throw new IllegalArgumentException("AutoencoderModel: the output column '" + name + "' already exists in the DataFrame; "
                    + "choose another name with its param");
        }
        names.add(name);
        fields.add(DataTypes.createStructField(name, type, false));
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType out = transformSchema(dataset.schema());
        StructType in = dataset.schema();
        SavedModel local = savedModel();
        int width = Math.toIntExact(java.util.Arrays.stream(local.model().inputShape()).reduce(1, (a, b) -> a * b));
        FeatureColumns features = features();
        features.reader(in, width, local.table());          // fails here, on the driver, for a model without a schema
        PartitionScorer.Outputs outputs = outputs();
        int batch = (Integer) getOrDefault(scoringBatchSize);
        Broadcast<byte[]> bytes = broadcast(dataset.sparkSession().sparkContext());
        String modelKey = key;
        return dataset.toDF().mapPartitions((org.apache.spark.api.java.function.MapPartitionsFunction<Row, Row>) rows -> {
            SavedModel model = ExecutorCache.model(modelKey, bytes::value);
            org.apache.spark.TaskContext task = org.apache.spark.TaskContext.get();
            PartitionScorer scorer = new PartitionScorer(task.partitionId(), rows, model, features.reader(in, width, model.table()),
                    outputs, batch);
            task.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) done -> scorer.release());     // also when a limit stops the partition early
            return scorer;
        }, Encoders.row(out));
    }

    /** The model file broadcast once per model (re-used by later transforms in the same application). */
    private synchronized Broadcast<byte[]> broadcast(org.apache.spark.SparkContext context) {
        if (broadcast == null) {
            broadcast = JavaSparkContext.fromSparkContext(context).broadcast(modelFile);
        }
        return broadcast;
    }

    @Override
    public AutoencoderModel copy(ParamMap extra) {
        AutoencoderModel copy = copyValues(new AutoencoderModel(uid, modelFile), extra);
        return copy.setParent(parent());
    }

    @Override
    public MLWriter write() {
        return new Writer(this);
    }

    @Override
    public void save(String path) throws IOException {
        write().save(path);
    }

    /** The reader of saved models. */
    public static MLReader<AutoencoderModel> read() {
        return new Reader();
    }

    /** Loads a model saved with {@link #save}. */
    public static AutoencoderModel load(String path) {
        return read().load(path);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Writes the params as Spark ML metadata and the model file beside them. */
    private static final class Writer extends MLWriter {
        private final AutoencoderModel model;

        Writer(AutoencoderModel model) {
            this.model = model;
        }

        @Override
        public void saveImpl(String path) {
            DefaultParamsWriter$.MODULE$.saveMetadata(model, path, sparkSession());
            org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(path, MODEL_ENTRY);
            try {
                FileSystem fs = target.getFileSystem(hadoopConfiguration(sparkSession()));
                try (OutputStream out = fs.create(target, true)) {
                    out.write(model.modelFile);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
            }
        }
    }

    /** Reads the metadata and the model file, checks the file, and sets the params. */
    private static final class Reader extends MLReader<AutoencoderModel> {
        @Override
        public AutoencoderModel load(String path) {
            DefaultParamsReader.Metadata metadata = DefaultParamsReader$.MODULE$.loadMetadata(path, sparkSession(),
                    AutoencoderModel.class.getName());
            org.apache.hadoop.fs.Path source = new org.apache.hadoop.fs.Path(path, MODEL_ENTRY);
            byte[] bytes;
            try {
                FileSystem fs = source.getFileSystem(hadoopConfiguration(sparkSession()));
                long size = fs.getFileStatus(source).getLen();
                if (size > Integer.MAX_VALUE - 8) {
                    throw new IOException(source + " is " + size + " bytes, larger than a model file can be");
                }
                try (InputStream in = fs.open(source)) {
                    bytes = in.readAllBytes();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
            }
            AutoencoderModel model = new AutoencoderModel(metadata.uid(), bytes);
            metadata.getAndSetParams(model, scala.Option.empty());
            return model;
        }
    }

    private static Configuration hadoopConfiguration(org.apache.spark.sql.SparkSession session) {
        return session.sparkContext().hadoopConfiguration();
    }
}
