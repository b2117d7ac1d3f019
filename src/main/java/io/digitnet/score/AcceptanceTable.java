package io.digitnet.score;

import io.digitnet.nn.AcceptanceCurve;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An acceptance curve as evaluate shows it: what the usual thresholds accept and how many of
 * those answers are wrong, and the thresholds that meet the usual target errors; as a text
 * table and as JSON-ready maps. Thresholds are printed as they are (short decimals: see
 * {@link AcceptanceCurve}), so that one can be given to {@code score --review-below} as read.
 */
public final class AcceptanceTable {
    /** Thresholds people pick by hand. */
    static final List<Double> THRESHOLDS = List.of(0.5, 0.9, 0.99, 0.999);
    /** Error rates a business may accept among the answers nobody checks. */
    static final List<Double> TARGETS = List.of(0.01, 0.005, 0.001);

    private AcceptanceTable() {}

    /**
     * The table, {@code answers} naming what was counted (e.g. "digits"), and a line for
     * {@code target} unless null.
     */
    public static String text(AcceptanceCurve curve, String answers, Double target) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "accepted without review (confidence >= threshold), of %d %s:%n",
                curve.answers(), answers));
        out.append(String.format(Locale.ROOT, "  %-12s %-18s %s%n", "threshold", "accepted", "wrong among them"));
        for (double threshold : THRESHOLDS) {
            out.append(row(curve.at(threshold), "")).append('\n');
        }
        for (double error : TARGETS) {
            Optional<AcceptanceCurve.Point> met = curve.forTargetError(error);
            out.append(met.isPresent() ? row(met.get(), "lowest meeting " + percent(error) + " error")
                    : String.format(Locale.ROOT, "  %-12s %-18s %-20s %s", "-", "-", "-",
                            percent(error) + " error: not met")).append('\n');
        }
        if (target != null) {
            out.append(targetLine(curve, answers, target)).append('\n');
        }
        return out.toString();
    }

    /** What a target error gets: its threshold and what that accepts, or that no threshold meets it and why. */
    public static String targetLine(AcceptanceCurve curve, String answers, double target) {
        Optional<AcceptanceCurve.Point> met = curve.forTargetError(target);
        if (met.isPresent()) {
            AcceptanceCurve.Point p = met.get();
            return String.format(Locale.ROOT, "target error %s: threshold %s accepts %.2f %% of the %s (%d of %d), "
                    + "%.3f %% of them wrong (%d)", percent(target), p.threshold(), 100 * p.share(), answers,
                    p.accepted(), p.answers(), 100 * p.error(), p.wrong());
        }
        return "target error " + percent(target) + ": not met by any threshold: " + whyNot(curve, answers);
    }

    /**
     * Why a curve meets a target error no threshold meets: the lowest error among accepted
     * answers at any of its thresholds.
     */
    public static String whyNot(AcceptanceCurve curve, String answers) {
        List<AcceptanceCurve.Point> frontier = curve.frontier().points();
        if (frontier.isEmpty()) {
            return "no " + answers + " were counted";
        }
        AcceptanceCurve.Point best = frontier.get(frontier.size() - 1);
        return String.format(Locale.ROOT, "the lowest error at any threshold is %.3f %% (%d of the %d %s with "
                + "confidence >= %s wrong)", 100 * best.error(), best.wrong(), best.accepted(), answers,
                best.threshold());
    }

    /** The same figures as JSON-ready maps: {@code acceptance}, and {@code target_error} unless null. */
    public static Map<String, Object> describe(AcceptanceCurve curve, Double target) {
        Map<String, Object> acceptance = new LinkedHashMap<>();
        acceptance.put("answers", curve.answers());
        acceptance.put("wrong", curve.wrong());
        List<Map<String, Object>> thresholds = new ArrayList<>();
        for (double threshold : THRESHOLDS) {
            thresholds.add(point(curve.at(threshold)));
        }
        acceptance.put("thresholds", thresholds);
        List<Map<String, Object>> targets = new ArrayList<>();
        for (double error : TARGETS) {
            targets.add(target(curve, error));
        }
        acceptance.put("target_errors", targets);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("acceptance", acceptance);
        if (target != null) {
            out.put("target_error", target(curve, target));
        }
        return out;
    }

    /** An error rate as a percentage, as short as it was written: 0.005 is "0.5 %". */
    public static String percent(double error) {
        return BigDecimal.valueOf(error).movePointRight(2).stripTrailingZeros().toPlainString() + " %";
    }

    private static String row(AcceptanceCurve.Point p, String note) {
        String error = p.accepted() == 0 ? "-" : String.format(Locale.ROOT, "%.3f %% (%d)", 100 * p.error(),
                p.wrong());
        return String.format(Locale.ROOT, "  %-12s %-18s %-20s %s", p.threshold(),
                String.format(Locale.ROOT, "%.2f %% (%d)", 100 * p.share(), p.accepted()), error, note).stripTrailing();
    }

    private static Map<String, Object> target(AcceptanceCurve curve, double error) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("target_error", error);
        Optional<AcceptanceCurve.Point> met = curve.forTargetError(error);
        out.put("met", met.isPresent());
        met.ifPresent(p -> out.putAll(point(p)));
        return out;
    }

    private static Map<String, Object> point(AcceptanceCurve.Point p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("threshold", p.threshold());
        out.put("accepted", p.accepted());
        out.put("share", p.share());
        out.put("wrong", p.wrong());
        out.put("error", p.accepted() == 0 ? null : p.error());
        return out;
    }
}
