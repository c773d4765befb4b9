package org.ae4j.spark;

import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.param.StringArrayParam;
import org.apiguardian.api.API;

/**
 * The params {@link AutoencoderEstimator} and {@link AutoencoderModel} share — where the input is and what the output
 * columns are called — with their setters. Each class holds its own param instances (Spark ML finds params through
 * the public methods that return them), made by the same factories with the same names, docs and defaults.
 *
 * @param <T> the implementing stage, which the setters return
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public interface ColumnParams<T extends ColumnParams<T>> extends Params {

    /** The vector column of features (an ML Vector, or an array of doubles or floats); ignored when {@link #inputCols} is set. */
    Param<String> featuresCol();

    /** Raw columns (numbers, text, booleans) encoded by ae4j's table schema; empty: {@link #featuresCol}. */
    StringArrayParam inputCols();

    /** Output: the code (a vector); empty for none. */
    Param<String> codeCol();

    /** Output: the anomaly score, the row's reconstruction error. */
    Param<String> scoreCol();

    /** Output: whether the score is above the threshold; empty for none. */
    Param<String> anomalyCol();

    /** Output: the reconstruction (a vector); empty for none. */
    Param<String> reconstructionCol();

    /** Rows scored together in one batch on an executor. */
    IntParam scoringBatchSize();

    @SuppressWarnings("unchecked")
    private T with(Param<?> param, Object value) {
        return (T) set(((Param<Object>) param).w(value));
    }

    default T setFeaturesCol(String value) {
        return with(featuresCol(), value);
    }

    default T setInputCols(String[] value) {
        return with(inputCols(), value);
    }

    default T setCodeCol(String value) {
        return with(codeCol(), value);
    }

    default T setScoreCol(String value) {
        return with(scoreCol(), value);
    }

    default T setAnomalyCol(String value) {
        return with(anomalyCol(), value);
    }

    default T setReconstructionCol(String value) {
        return with(reconstructionCol(), value);
    }

    default T setScoringBatchSize(int value) {
        return with(scoringBatchSize(), value);
    }
}
