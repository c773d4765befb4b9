package org.ae4j.data.table;

import com.fasterxml.jackson.core.io.NumberInput;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * The first pass over one column of the training rows: counts, the running mean and variance, extremes,
 * distinct values up to a cap, and a seeded reservoir sample for quantiles. Then {@link #fit} decides the
 * column's kind and encoding. Bounded memory whatever the table's size.
 */
final class ColumnProfile {

    private static final int RESERVOIR = 4096;
    private static final Pattern ID_NAME = Pattern.compile("(?i)(id|.*[_.\\- ]id|index|row|rownum|row_?number)");
    private static final List<Set<String>> BOOLEAN_SPELLINGS = List.of(Set.of("false", "true"), Set.of("no", "yes"),
            Set.of("f", "t"), Set.of("n", "y"));

    private final String name;
    private final int distinctCap;
    private final double[] reservoir = new double[RESERVOIR];
    private final SplittableRandom sampling;
    private final Map<String, Long> counts = new HashMap<>();
    private boolean overflow;
    private long present;
    private long missing;
    private long numeric;
    private boolean integers = true;
    private double mean;
    private double m2;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    ColumnProfile(String name, int maxCategories, long seed) {
        this.name = name;
        this.distinctCap = Math.max(4 * maxCategories, 1000);
        this.sampling = new SplittableRandom(seed);
    }

    /** One cell of a training row ({@code null}: missing); {@code line} and {@code column} only name it in errors. */
    void accept(String raw, Set<String> missingSpellings, String file, long line, int column) {
        String value = raw == null ? null : raw.strip();
        if (value == null || missingSpellings.contains(value)) {
            missing++;
            return;
        }
        present++;
        if (!overflow) {
            counts.merge(value, 1L, Long::sum);
            overflow = counts.size() > distinctCap;
        }
        double x = parse(value);
        if (Double.isNaN(x)) {
            return;
        }
        if (Double.isInfinite(x)) {
            throw new TableException(file + ":" + line + ": column '" + name + "' (column " + column + ") holds '" + raw
                    + "', which is infinite; give a finite number, or a missing value");
        }
        numeric++;
        integers &= x == Math.rint(x);
        double delta = x - mean;
        mean += delta / numeric;
        m2 += delta * (x - mean);
        min = Math.min(min, x);
        max = Math.max(max, x);
        if (numeric <= RESERVOIR) {
            reservoir[(int) numeric - 1] = x;
        } else {
            long j = sampling.nextLong(numeric);
            if (j < RESERVOIR) {
                reservoir[(int) j] = x;
            }
        }
    }

    /** The column's spec, or a {@link TableException} for an all-missing column. */
    ColumnSpec fit(ColumnKind forced, int maxCategories, Scaling scaling, String file) {
        if (present == 0) {
            throw new TableException(file + ": column '" + name + "' is missing in every training row; leave it out with "
                    + "--ignore " + name + " (or give values)");
        }
        boolean allNumeric = numeric == present;
        long distinct = overflow ? Long.MAX_VALUE : counts.size();
        ColumnKind kind = forced != null ? forced : infer(allNumeric, distinct, maxCategories);
        String note = missing > 0 ? missing + " missing of " + (present + missing) : "";
        return switch (kind) {
            case NUMERIC -> numericSpec(allNumeric, scaling, note, file);
            case CATEGORICAL -> new ColumnSpec(name, kind, 0, 1, frequent(maxCategories), overflow
                    ? "over " + distinctCap + " distinct values; the " + maxCategories + " most frequent kept" : note);
            case BOOLEAN -> booleanSpec(file);
            case CONSTANT -> new ColumnSpec(name, kind, 0, 1, List.of(), "one value only: '" + counts.keySet().iterator().next() + "'");
            case IDENTIFIER -> new ColumnSpec(name, kind, 0, 1, List.of(), overflow ? "over " + distinctCap + " distinct values"
                    : distinct + " distinct values in " + present + " rows");
        };
    }

    private ColumnKind infer(boolean allNumeric, long distinct, int maxCategories) {
        if (distinct == 1) {
            return ColumnKind.CONSTANT;
        }
        if (allNumeric) {
            return integers && distinct >= 0.8 * present && present > 2 && ID_NAME.matcher(name).matches()
                    ? ColumnKind.IDENTIFIER : ColumnKind.NUMERIC;
        }
        if (distinct <= 8 && BOOLEAN_SPELLINGS.contains(lowerCaseValues())) {
            return ColumnKind.BOOLEAN;
        }
        return distinct > maxCategories && distinct >= present / 2 ? ColumnKind.IDENTIFIER : ColumnKind.CATEGORICAL;
    }

    private ColumnSpec numericSpec(boolean allNumeric, Scaling scaling, String note, String file) {
        if (!allNumeric) {
            String example = counts.keySet().stream().filter(v -> Double.isNaN(parse(v))).findFirst().orElse("?");
            throw new TableException(file + ": column '" + name + "' is declared numeric, but holds text such as '" + example + "'");
        }
        double center;
        double scale;
        switch (scaling) {
            case MIN_MAX -> {
                center = min;
                scale = max - min;
            }
            case ROBUST -> {
                double[] sample = Arrays.copyOf(reservoir, (int) Math.min(numeric, RESERVOIR));
                Arrays.sort(sample);
                center = quantile(sample, 0.5);
                scale = quantile(sample, 0.75) - quantile(sample, 0.25);
            }
            default -> {
                center = mean;
                scale = numeric > 1 ? Math.sqrt(m2 / (numeric - 1)) : 0;
            }
        }
        if (!(scale > 0) || !Double.isFinite(scale)) {
            note = (note.isEmpty() ? "" : note + "; ") + "no spread on the training rows: scale 1";
            scale = 1;
        }
        return new ColumnSpec(name, ColumnKind.NUMERIC, center, scale, List.of(), note);
    }

    private ColumnSpec booleanSpec(String file) {
        Set<String> values = lowerCaseValues();
        for (Set<String> spelling : BOOLEAN_SPELLINGS) {
            if (spelling.containsAll(values)) {
                List<String> pair = new ArrayList<>(spelling);
                pair.sort(Comparator.comparing(v -> v.startsWith("t") || v.startsWith("y") ? 1 : 0));
                return new ColumnSpec(name, ColumnKind.BOOLEAN, 0, 1, pair, "");
            }
        }
        throw new TableException(file + ": column '" + name + "' is declared boolean, but holds " + counts.keySet()
                + "; booleans are spelled true/false, yes/no, t/f or y/n");
    }

    private Set<String> lowerCaseValues() {
        Set<String> lower = new java.util.HashSet<>();
        counts.keySet().forEach(v -> lower.add(v.toLowerCase(Locale.ROOT)));
        return lower;
    }

    /** The most frequent values (ties in text order), at most {@code limit}. */
    private List<String> frequent(int limit) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(limit).map(Map.Entry::getKey).toList();
    }

    private static double quantile(double[] sorted, double q) {
        double at = q * (sorted.length - 1);
        int lo = (int) Math.floor(at);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (at - lo) * (sorted[hi] - sorted[lo]);
    }

    /** The number a cell spells, or {@code NaN} when it is not one (text). */
    static double parse(String value) {
        if (value.isEmpty()) {
            return Double.NaN;
        }
        char c = value.charAt(0);
        if (!(c >= '0' && c <= '9') && c != '-' && c != '+' && c != '.' && c != 'I') {
            return Double.NaN;                              // cheap test: most text fails here, without an exception
        }
        try {
            return NumberInput.parseDouble(value, true);        // Jackson's FastDoubleParser: 2-3x Double.parseDouble
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
