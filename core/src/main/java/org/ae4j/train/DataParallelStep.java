package org.ae4j.train;

import org.ae4j.model.Autoencoder;
import org.ae4j.model.StepContext;
import org.ae4j.model.StepLoss;
import org.ae4j.spi.BatchSlice;
import org.ae4j.spi.ElementwiseOptimizer;
import org.ae4j.spi.ParameterBlock;
import org.ae4j.spi.RandomSource;
import org.ae4j.util.Lanes;
import org.ae4j.util.StepMemory;
import org.apiguardian.api.API;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Training steps in data parallel: each batch is cut into one contiguous slice per {@link Lanes lane},
 * every lane runs {@link Autoencoder#trainingStep} on its slice into its own gradient buffers, and
 * the lanes then combine the buffers into the model's, weighting each slice by its share of the batch
 * (see {@link BatchSlice} for why that is the whole batch's gradient). Lane 0 is the calling thread,
 * in the caller's step memory; the others open {@code memory} on their own threads.
 *
 * <p>Randomness: lane 0 draws from the epoch's streams, lane k from their {@code "lane k"} splits, so
 * a run is reproducible for a given number of workers. A batch smaller than the number of lanes is
 * trained whole on lane 0. {@link Trainer} uses it when {@link TrainingConfig#workers()} &gt; 1; the
 * thread that makes it must make every call, and close it.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class DataParallelStep implements AutoCloseable {

    private final Autoencoder model;
    private final ParameterBlock block;
    private final StepMemory memory;
    private final Lanes lanes;
    private final RandomSource[] stochastic;
    private final RandomSource[] corrupting;
    /** Per lane: views of every lane's gradients over the lane's range of the block, made on first use. */
    private final INDArray[][] gradientRanges;

    /**
     * @param workers lanes, ≥ 1
     * @param memory  the step memory lanes 1… open around their slice (lane 0 runs in the caller's)
     * @throws IllegalArgumentException if the model's parameters are not packed in one block
     */
    public DataParallelStep(Autoencoder model, int workers, StepMemory memory) {
        this.model = model;
        this.block = ParameterBlock.of(model.parameters()).orElseThrow(() -> new IllegalArgumentException(
                "workers = " + workers + " needs the model's parameters packed in one block (one data type); this model's are not"));
        this.memory = memory;
        block.provideLanes(workers);
        this.lanes = new Lanes(workers);
        this.stochastic = new RandomSource[workers];
        this.corrupting = new RandomSource[workers];
        this.gradientRanges = new INDArray[workers][];
    }

    /** Sets the streams of the coming steps (lane 0 draws from these, lane k from their "lane k" splits). */
    public void startEpoch(RandomSource stochasticStream, RandomSource corruptingStream) {
        stochastic[0] = stochasticStream;
        corrupting[0] = corruptingStream;
        for (int lane = 1; lane < lanes.count(); lane++) {
            stochastic[lane] = stochasticStream.split("lane " + lane);
            corrupting[lane] = corruptingStream.split("lane " + lane);
        }
    }

    /** One step's gradients, left in the model's gradient buffers; returns the batch's loss. */
    public StepLoss step(INDArray batch, int epoch) {
        return step(batch, epoch, null);
    }

    /**
     * One step's gradients and, with {@code optimizer} not null, its update: each lane updates the range of the
     * parameter block whose gradients it has just combined (no pass after the lanes), unless the batch's loss is not
     * finite — then nothing is updated, as the trainer's divergence guard requires. With two lanes and an optimizer
     * that can ({@link ElementwiseOptimizer#stepRangeOfSum}), the combination is part of the update's own pass, and the
     * model's buffers keep lane 0's own gradients; else they hold the combined gradients. {@code optimizer} must have
     * been {@linkplain ElementwiseOptimizer#prepareRanges prepared} for the model's parameters. Returns the batch's loss.
     */
    public StepLoss step(INDArray batch, int epoch, ElementwiseOptimizer optimizer) {
        if (stochastic[0] == null) {
            throw new IllegalStateException("call startEpoch before the first step");
        }
        int count = lanes.count();
        long rows = batch.size(0);
        if (rows < count) {
            StepLoss loss = model.trainingStep(batch, StepContext.of(stochastic[0], corrupting[0], epoch));
            if (optimizer != null && Double.isFinite(loss.total())) {
                optimizer.stepRange(0, block.values().length());
                optimizer.endStep();
            }
            return loss;
        }
        StepLoss[] losses = new StepLoss[count];
        lanes.run(lane -> {
            if (lane == 0) {
                laneStep(0, batch, rows, epoch, losses, optimizer);
            } else {
                try (MemoryWorkspace ignored = memory.open()) {
                    laneStep(lane, batch, rows, epoch, losses, optimizer);
                }
            }
        });
        StepLoss loss = batchLoss(losses, rows);
        if (optimizer != null && Double.isFinite(loss.total())) {
            optimizer.endStep();
        }
        return loss;
    }

    /**
     * Lane {@code lane}'s part of a step, in its step memory: the training step on its slice, then (once every lane has
     * its gradients) the combination of its range of the parameter block and, with an optimizer, that range's update.
     */
    private void laneStep(int lane, INDArray batch, long rows, int epoch, StepLoss[] losses, ElementwiseOptimizer optimizer) {
        int count = lanes.count();
        INDArray part = batch.get(NDArrayIndex.interval(rows * lane / count, rows * (lane + 1) / count));
        losses[lane] = model.trainingStep(part, StepContext.of(stochastic[lane], corrupting[lane], epoch).onSlice(new LaneSlice(rows)));
        lanes.barrier();
        long parameters = block.values().length();
        long from = parameters * lane / count;
        long to = parameters * (lane + 1) / count;
        boolean update = optimizer != null && from < to && Double.isFinite(batchLoss(losses, rows).total());
        INDArray[] ranges = rangesOf(lane, from, to);
        if (update && count == 2 && optimizer.stepRangeOfSum(from, to, share(0, rows), ranges[1], share(1, rows))) {
            return;                                              // combined and updated in one pass
        }
        combine(ranges, rows);
        if (update) {
            optimizer.stepRange(from, to);
        }
    }

    /** Views of every lane's gradients over {@code [from, to)}, lane {@code lane}'s range: made once, not per step. */
    private INDArray[] rangesOf(int lane, long from, long to) {
        INDArray[] ranges = gradientRanges[lane];
        if (ranges == null && from < to) {
            ranges = new INDArray[lanes.count()];
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                for (int k = 0; k < ranges.length; k++) {
                    ranges[k] = block.laneGradients(k).get(NDArrayIndex.interval(from, to));
                }
            }
            gradientRanges[lane] = ranges;
        }
        return ranges;
    }

    /** The batch's loss: the lanes' losses weighted by their shares (the same bits on every thread). */
    private StepLoss batchLoss(StepLoss[] losses, long rows) {
        double reconstruction = 0;
        double bottleneck = 0;
        double penalty = 0;
        for (int lane = 0; lane < losses.length; lane++) {
            double weight = share(lane, rows);
            reconstruction += weight * losses[lane].reconstruction();
            bottleneck += weight * losses[lane].bottleneck();
            penalty += weight * losses[lane].penalty();
        }
        return new StepLoss(reconstruction, bottleneck, penalty);
    }

    /** Lane 0's gradients over a lane's range ← Σ_k share_k · lane k's ({@code ranges}: every lane's over the range). */
    private void combine(INDArray[] ranges, long rows) {
        if (ranges == null) {
            return;                                              // an empty range
        }
        double first = share(0, rows);
        for (int k = 1; k < lanes.count(); k++) {
            double scale = k == 1 ? first : 1;
            model.kernels().scaleAdd(ranges[0], scale, ranges[k], share(k, rows));
        }
    }

    /** Lane {@code lane}'s share of a batch of {@code rows}. */
    private double share(int lane, long rows) {
        int count = lanes.count();
        return (double) (rows * (lane + 1) / count - rows * lane / count) / rows;
    }

    /** Frees the helpers' step memory and stops them. */
    @Override
    public void close() {
        try {
            lanes.run(lane -> {
                if (lane > 0) {
                    memory.release();
                }
            });
        } finally {
            lanes.close();
        }
    }

    /** The slice each lane sees; its sums meet across the lanes. */
    private final class LaneSlice implements BatchSlice {
        private final long rows;

        LaneSlice(long rows) {
            this.rows = rows;
        }

        @Override
        public long batchSize() {
            return rows;
        }

        @Override
        public double[] sum(double[] values) {
            return lanes.sum(values);
        }
    }
}
