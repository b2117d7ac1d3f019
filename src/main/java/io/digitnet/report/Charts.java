package io.digitnet.report;

import io.digitnet.model.ModelInfo;
import io.digitnet.score.Confusion;
import io.digitnet.tune.TuneResult;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapSeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The charts of the "look inside the network" report, drawn by XChart (a maintained chart
 * library, rather than hand-drawn axes) and returned as images for the report to write as
 * PNG. Each chart has a fixed size, so that reports of different runs line up side by side.
 * Rendering needs no display: XChart paints into a {@link BufferedImage}, which works in a
 * headless JVM.
 */
public final class Charts {

    /** Size of the training-curves and accuracy-vs-parameters charts, in pixels. */
    public static final int WIDTH = 720;
    public static final int HEIGHT = 420;

    /** Size of the confusion heat map: near square, so that its cells are. */
    public static final int CONFUSION_WIDTH = 640;
    public static final int CONFUSION_HEIGHT = 600;

    /** Light to dark blue: one hue, so that "darker" reads as "more" without a legend lookup. */
    static final Color[] BLUES = {new Color(0xF7FBFF), new Color(0x6BAED6), new Color(0x08519C)};

    /** Series colours (the tests look for them). */
    static final Color LOSS = new Color(0xD95F02);
    static final Color ACCURACY = new Color(0x1B6FB5);

    private Charts() {}

    /**
     * Mean training loss (left axis) and validation accuracy in % (right axis) per epoch.
     * The accuracy series is left out where no validation rows were held out (null).
     */
    public static BufferedImage trainingCurves(List<ModelInfo.Epoch> epochs) {
        if (epochs == null || epochs.isEmpty()) {
            throw new IllegalArgumentException("no epochs recorded");
        }
        XYChart chart = new XYChart(WIDTH, HEIGHT);
        chart.setTitle("Training");
        chart.setXAxisTitle("epoch");
        chart.setYAxisGroupTitle(0, "training loss");
        chart.setYAxisGroupTitle(1, "validation accuracy (%)");
        style(chart.getStyler());
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        // epochs are whole numbers: no "1.5" ticks when there are only a few of them
        chart.getStyler().setxAxisTickLabelsFormattingFunction(wholeNumbers());

        List<Integer> x = new ArrayList<>();
        List<Double> loss = new ArrayList<>();
        List<Integer> accuracyX = new ArrayList<>();
        List<Double> accuracy = new ArrayList<>();
        for (ModelInfo.Epoch e : epochs) {
            x.add(e.epoch());
            loss.add(e.loss());
            if (e.validationAccuracy() != null) {
                accuracyX.add(e.epoch());
                accuracy.add(100 * e.validationAccuracy());
            }
        }
        XYSeries lossSeries = chart.addSeries("loss", x, loss);
        lossSeries.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(LOSS);
        lossSeries.setLineColor(LOSS);
        if (!accuracy.isEmpty()) {
            XYSeries accuracySeries = chart.addSeries("validation accuracy", accuracyX, accuracy);
            accuracySeries.setMarker(SeriesMarkers.DIAMOND).setMarkerColor(ACCURACY);
            accuracySeries.setLineColor(ACCURACY);
            accuracySeries.setYAxisGroup(1);
        }
        // below the plot: inside it, the legend would hide the top of a rising accuracy curve
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().putYAxisGroupDecimalPatternMap(0, "0.###");
        chart.getStyler().putYAxisGroupDecimalPatternMap(1, "0.##");
        return BitmapEncoder.getBufferedImage(chart);
    }

    /**
     * The confusion matrix as a heat map: x = predicted digit, y = true digit, each cell's
     * count written in it. Row 0 (true digit 0) is at the TOP, as in {@link Confusion#table()},
     * so the correct predictions run down the diagonal from the top left. Empty cells are left
     * blank (the lightest colour) rather than labelled "0", so that the few errors stand out.
     */
    public static BufferedImage confusion(Confusion confusion) {
        if (confusion.total() == 0) {
            throw new IllegalArgumentException("the confusion matrix is empty (no samples counted)");
        }
        int n = confusion.classes();
        // with a theme: XChart 3.8.8's HeatMapChart(width, height) leaves its styler unset (NPE on paint)
        HeatMapChart chart = new HeatMapChart(CONFUSION_WIDTH, CONFUSION_HEIGHT, Styler.ChartTheme.XChart);
        chart.setTitle(String.format(Locale.ROOT, "Confusion (accuracy %.2f %% of %,d)", 100 * confusion.accuracy(),
                confusion.total()));
        chart.setXAxisTitle("predicted digit");
        chart.setYAxisTitle("true digit");
        style(chart.getStyler());
        chart.getStyler()
                .setRangeColors(BLUES)
                .setShowValue(true)
                .setHeatMapValueDecimalPattern("0")
                .setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12))
                .setValueFontColor(Color.BLACK);
        // the counts are written in the cells: a colour scale would repeat them (and XChart 3.8.8
        // labels its gradient with unformatted doubles, "1106.0")
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setPlotBackgroundColor(BLUES[0]);
        chart.getStyler().setPlotGridLinesVisible(false);

        // XChart draws y index 0 at the bottom: the y categories are listed n-1 .. 0 and row t
        // goes to index n-1-t, which puts true digit 0 at the top.
        List<Integer> xs = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            xs.add(i);
            ys.add(n - 1 - i);
        }
        List<Number[]> cells = new ArrayList<>();
        long max = 0;
        for (int t = 0; t < n; t++) {
            for (int p = 0; p < n; p++) {
                long count = confusion.count(t, p);
                max = Math.max(max, count);
                if (count > 0) {
                    cells.add(new Number[] {p, n - 1 - t, count});
                }
            }
        }
        HeatMapSeries series = chart.addSeries("count", xs, ys, cells);
        // the colour scale starts at 0, not at the smallest non-empty cell
        series.setMin(0);
        series.setMax(max);
        return BitmapEncoder.getBufferedImage(chart);
    }

    /**
     * Each successful tuning run's test accuracy in % (its best validation accuracy when it
     * was not tested) against its parameter count: is a bigger network worth it? The x axis is
     * logarithmic when the counts span more than a factor of 10. Runs that did not finish ok
     * are left out (they have no accuracy to show).
     */
    public static BufferedImage accuracyVsParameters(List<TuneResult> results) {
        List<Long> parameters = new ArrayList<>();
        List<Double> accuracy = new ArrayList<>();
        boolean anyValidationOnly = false;
        for (TuneResult r : results == null ? List.<TuneResult>of() : results) {
            Double a = r.testAccuracy() != null ? r.testAccuracy() : r.bestValidationAccuracy();
            if (!r.trained() || a == null) {
                continue;
            }
            anyValidationOnly |= r.testAccuracy() == null;
            parameters.add(r.parameters());
            accuracy.add(100 * a);
        }
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException("no successful tuning run to plot (" + (results == null ? 0
                    : results.size()) + " runs, none with status " + TuneResult.OK + " and an accuracy)");
        }
        XYChart chart = new XYChart(WIDTH, HEIGHT);
        chart.setTitle("Accuracy vs size");
        chart.setXAxisTitle("parameters");
        chart.setYAxisTitle(anyValidationOnly ? "test (or validation) accuracy (%)" : "test accuracy (%)");
        style(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setMarkerSize(9);
        chart.getStyler().setXAxisDecimalPattern("#,##0");
        chart.getStyler().setYAxisDecimalPattern("0.##");
        long min = parameters.stream().mapToLong(Long::longValue).min().orElseThrow();
        long max = parameters.stream().mapToLong(Long::longValue).max().orElseThrow();
        if (min > 0 && max > 10 * min) {
            chart.getStyler().setXAxisLogarithmic(true);
        }
        XYSeries runs = chart.addSeries("runs", parameters, accuracy);
        runs.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(ACCURACY);
        return BitmapEncoder.getBufferedImage(chart);
    }

    /**
     * Fonts big enough to read when the PNG is shown at its own size, on a plain white page.
     * The locale is fixed so that a chart's numbers read the same on every machine.
     */
    private static void style(AxesChartStyler styler) {
        styler.setLocale(Locale.ROOT);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesColor(new Color(0xDDDDDD));
        styler.setChartTitleBoxVisible(false);
        styler.setLegendBorderColor(new Color(0xCCCCCC));
        styler.setAntiAlias(true);
    }

    private static Function<Double, String> wholeNumbers() {
        return v -> v == Math.rint(v) ? String.valueOf(v.longValue()) : "";
    }
}
