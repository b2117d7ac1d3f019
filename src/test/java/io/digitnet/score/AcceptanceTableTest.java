package io.digitnet.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.digitnet.nn.AcceptanceCurve;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AcceptanceTableTest {
    /** 200 digits, 4 wrong: 0.5 accepts all; 0.9 150 with 1 wrong; 0.99 100 with 1 wrong (its confident mistake). */
    private static final AcceptanceCurve CURVE = new AcceptanceCurve(200, 4, List.of(
            new AcceptanceCurve.Point(0.5, 200, 4, 200), new AcceptanceCurve.Point(0.9, 150, 1, 200),
            new AcceptanceCurve.Point(0.99, 100, 1, 200)));

    @Test
    void aTargetNoThresholdMeetsIsSaidPlainlyWithTheBestThereIs() {
        assertEquals(String.join("\n",
                "accepted without review (confidence >= threshold), of 200 digits:",
                "  threshold    accepted           wrong among them",
                "  0.5          100.00 % (200)     2.000 % (4)",
                "  0.9          75.00 % (150)      0.667 % (1)",
                "  0.99         50.00 % (100)      1.000 % (1)",
                "  0.999        0.00 % (0)         -",
                "  0.9          75.00 % (150)      0.667 % (1)          lowest meeting 1 % error",
                "  -            -                  -                    0.5 % error: not met",
                "  -            -                  -                    0.1 % error: not met",
                "target error 0.2 %: not met by any threshold: the lowest error at any threshold is 0.667 % (1 of the "
                        + "150 digits with confidence >= 0.9 wrong)", ""), AcceptanceTable.text(CURVE, "digits", 0.002));
        assertEquals("target error 2 %: threshold 0.5 accepts 100.00 % of the fields (200 of 200), 2.000 % of them "
                + "wrong (4)", AcceptanceTable.targetLine(CURVE, "fields", 0.02));
    }

    @Test
    void theJsonSaysWhetherEachTargetIsMet() {
        Map<String, Object> described = AcceptanceTable.describe(CURVE, 0.002);
        assertEquals(Map.of("target_error", 0.002, "met", false), described.get("target_error"));
        @SuppressWarnings("unchecked")
        Map<String, Object> acceptance = (Map<String, Object>) described.get("acceptance");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> thresholds = (List<Map<String, Object>>) acceptance.get("thresholds");
        assertEquals(0.999, thresholds.get(3).get("threshold"));
        assertEquals(0L, thresholds.get(3).get("accepted"));
        assertEquals(null, thresholds.get(3).get("error"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> targets = (List<Map<String, Object>>) acceptance.get("target_errors");
        assertEquals(List.of(true, false, false), targets.stream().map(t -> t.get("met")).toList());
        assertEquals(0.9, targets.get(0).get("threshold"));
    }
}
