package org.ae4j.search;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.ae4j.apps.FeatureExtractor;
import org.ae4j.data.Dataset;
import org.ae4j.persist.SavedModel;
import org.apiguardian.api.API;

/**
 * A collection searchable by example: the model that encodes items and queries, and the {@link CodeIndex} of the
 * collection's codes. Queries are raw examples prepared like the collection (a table read with the model's schema,
 * images normalised as in training); each is encoded (the deterministic code — a VAE's mean) and answered from the
 * index. Thread-safe: the model is only read.
 *
 * @param model the model the collection was encoded with
 * @param codes the collection's codes
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record SimilarityIndex(SavedModel model, CodeIndex codes) {

    /** Examples encoded together. */
    static final int BATCH = 1024;

    public SimilarityIndex {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(codes, "codes");
        if (codes.dimension() != model.model().codeSize()) {
            throw new IllegalArgumentException("the index holds codes of size " + codes.dimension() + ", the model makes codes of size "
                    + model.model().codeSize());
        }
    }

    /**
     * Encodes {@code items} (prepared as for the model) and indexes their codes with {@code ids}.
     *
     * @throws IllegalArgumentException if the items do not fit the model or the ids do not match them
     */
    public static SimilarityIndex build(SavedModel model, Dataset items, List<String> ids, CodeIndex.Options options) {
        requireFits(model, items, "the collection");
        return new SimilarityIndex(model, CodeIndex.build(encode(model, items), ids, options));
    }

    /** The k nearest items of each query (prepared as for the model), nearest first. */
    public List<List<Neighbor>> search(Dataset queries, int k, CodeIndex.Mode mode) {
        requireFits(model, queries, "the query");
        return codes.search(encode(model, queries), k, mode);
    }

    private static org.nd4j.linalg.api.ndarray.INDArray encode(SavedModel model, Dataset examples) {
        return new FeatureExtractor(model.model(), BATCH).features(examples).features();
    }

    private static void requireFits(SavedModel model, Dataset examples, String what) {
        long expected = Arrays.stream(model.inputShape()).reduce(1, Math::multiplyExact);
        if (examples.exampleLength() != expected) {
            throw new IllegalArgumentException(what + " has " + examples.exampleLength() + " values per example, but the index's model "
                    + "takes " + expected + " " + Arrays.toString(model.inputShape()) + ": query with data shaped like the indexed "
                    + "collection");
        }
        if (examples.size() == 0) {
            throw new IllegalArgumentException(what + " holds no examples");
        }
    }
}
