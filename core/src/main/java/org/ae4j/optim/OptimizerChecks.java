package org.ae4j.optim;

/** Range checks for optimizer hyper-parameters, with messages naming the value and the range. */
final class OptimizerChecks {

    private OptimizerChecks() {
    }

    static void positive(String type, String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(type + " " + name + " must be a finite number > 0, got " + value);
        }
    }

    static void unitInterval(String type, String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(type + " " + name + " must be in [0, 1), got " + value);
        }
    }
}
