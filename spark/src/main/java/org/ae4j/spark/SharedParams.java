package org.ae4j.spark;

import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.param.StringArrayParam;

/** The factories of the {@link ColumnParams}: one name and doc per param, for the estimator's and the model's instances. */
final class SharedParams {

    static final String FEATURES = "features";
    static final String CODE = "code";
    static final String SCORE = "score";
    static final String ANOMALY = "is_anomaly";

    private SharedParams() {
    }

    static Param<String> featuresCol(Params owner) {
        return new Param<>(owner, "featuresCol", "the vector column of features (an ML Vector, or an array of doubles or floats); "
                + "ignored when inputCols is set");
    }

    static StringArrayParam inputCols(Params owner) {
        return new StringArrayParam(owner, "inputCols", "raw columns (numbers, text, booleans) encoded by ae4j's table schema "
                + "(scaled numbers, one-hot categories, missing values); empty: use featuresCol");
    }

    static Param<String> codeCol(Params owner) {
        return new Param<>(owner, "codeCol", "output: the code (a vector); empty for none");
    }

    static Param<String> scoreCol(Params owner) {
        return new Param<>(owner, "scoreCol", "output: the anomaly score, the row's reconstruction error (higher is more unusual)");
    }

    static Param<String> anomalyCol(Params owner) {
        return new Param<>(owner, "anomalyCol", "output: whether the score is above the threshold (when the model has one); "
                + "empty for none");
    }

    static Param<String> reconstructionCol(Params owner) {
        return new Param<>(owner, "reconstructionCol", "output: the reconstruction (a vector); empty (the default) for none");
    }

    static IntParam scoringBatchSize(Params owner) {
        return new IntParam(owner, "scoringBatchSize", "rows scored together in one batch on an executor (>= 1)",
                ParamValidators.gtEq(1));
    }
}
