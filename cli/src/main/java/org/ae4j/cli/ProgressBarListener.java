package org.ae4j.cli;

import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.ae4j.train.BatchProgress;
import org.ae4j.train.EpochMetrics;
import org.ae4j.train.TrainingListener;

/** A console progress bar per epoch: batches done, loss, samples/s and ETA. */
final class ProgressBarListener implements TrainingListener {

    private final PrintStream stream;
    private ProgressBar bar;

    ProgressBarListener(PrintStream stream) {
        this.stream = stream;
    }

    @Override
    public void onBatchEnd(BatchProgress p) {
        if (bar == null) {
            bar = new ProgressBarBuilder().setTaskName(String.format(Locale.ROOT, "epoch %d/%d", p.epoch(), p.epochs()))
                    .setInitialMax(p.batches()).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
                    .setConsumer(new ConsoleProgressBarConsumer(stream)).build();
        }
        bar.stepTo(p.batch());
        bar.setExtraMessage(String.format(Locale.ROOT, " loss %.5f  %,.0f samples/s", p.loss(), p.samplesPerSecond()));
    }

    @Override
    public void onEpochEnd(EpochMetrics metrics) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
