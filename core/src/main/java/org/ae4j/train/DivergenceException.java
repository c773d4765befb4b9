package org.ae4j.train;

import org.apiguardian.api.API;

/**
 * Training produced a non-finite loss. The model keeps the parameters of the last finite step (the
 * diverging step's update is never applied), so it can still be saved or inspected.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class DivergenceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final int batch;

    public DivergenceException(int epoch, int batch, String detail) {
        super("training diverged at epoch " + epoch + ", batch " + batch + ": " + detail
                + "; the model keeps the parameters of the last finite step. Try a lower learning rate, "
                + "gradient clipping (clipNorm), or check the data for extreme values");
        this.epoch = epoch;
        this.batch = batch;
    }

    public int epoch() {
        return epoch;
    }

    public int batch() {
        return batch;
    }
}
