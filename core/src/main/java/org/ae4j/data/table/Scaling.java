package org.ae4j.data.table;

import org.apiguardian.api.API;

/** How numeric columns are scaled, fitted on the training rows. */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public enum Scaling {
    /** {@code (x − mean)/std}: the default. */
    STANDARD,
    /** {@code (x − min)/(max − min)}: into [0, 1] on the training rows. */
    MIN_MAX,
    /** {@code (x − median)/IQR}: for heavy tails and outliers (quantiles of a 4,096-value seeded sample). */
    ROBUST
}
