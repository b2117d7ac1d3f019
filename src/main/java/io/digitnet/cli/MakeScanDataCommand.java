package io.digitnet.cli;

import io.digitnet.data.images.ScanStyle;
import io.digitnet.data.DigitLoader;
import io.digitnet.data.FieldData;
import io.digitnet.data.OutputDir;
import io.digitnet.data.ScanData;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code digitnet make-scan-data}: labelled digits rendered as scanned image files, for testing the image path. */
@Command(
        name = "make-scan-data",
        mixinStandardHelpOptions = true,
        description = "Render MNIST test digits (or any labelled digits) as a scanner delivers them: ink on paper, "
                + "3x larger, off-centre on a 110x96 page, in a --style; one file per digit named <id>-<label>.png|jpg.")
final class MakeScanDataCommand implements Callable<Integer> {

    @Mixin
    MnistOption mnist;

    @Option(names = "--input", paramLabel = "PATH",
            description = "labelled digits to render instead of DIR's test set: IDX, CSV or ingest Parquet")
    String input;

    @Option(names = "--count", paramLabel = "N", defaultValue = "0",
            description = "render the first N digits (default: 0, all)")
    long count;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "mixed",
            description = "png, jpeg, or mixed (alternating) (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--style", paramLabel = "STYLE", defaultValue = "clean",
            description = "what the form and scanner add, drawn per scan: clean (mild noise), noisy (scanner noise of "
                    + "3-10 levels, up to 6 dust specks), boxed (a printed box around the digit), lined (a form line "
                    + "under it), coloured (blue or black pen on tinted paper), faint (ink 40-90 levels from the "
                    + "paper), rotated (up to 10 degrees), jpeg (quality 0.6-0.95, all files JPEG) or form (all at "
                    + "once) (default: ${DEFAULT-VALUE})")
    String style;

    @Option(names = "--fields", paramLabel = "MIN-MAX",
            description = "render fields of MIN to MAX digits (e.g. 3-8, or 5) instead of single digits, one file per "
                    + "field named <id>-<text>.png|jpg, and labels.csv (path,text); --count then counts fields "
                    + "(0: as many as the digits fill once)")
    String fields;

    @Option(names = "--field-layout", paramLabel = "LAYOUT", defaultValue = "mixed",
            description = "with --fields: free (written free, some digits touching), comb (one digit to each box of "
                    + "a printed comb) or mixed (alternating) (default: ${DEFAULT-VALUE})")
    String fieldLayout;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "seed of the placement, paper and noise (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "folder to write")
    String out;

    @Option(names = "--overwrite", description = "replace an existing folder")
    boolean overwrite;

    @Mixin
    SparkOptions sparkOptions;

    @Override
    public Integer call() {
        ScanData.Format as = Options.named(format, "--format", ScanData.Format.values());
        ScanStyle drawn = Options.named(style, "--style", ScanStyle.values());
        Options.notNegative(count, "--count");
        int[] digits = fields == null ? null : Options.range(fields, "--fields", 1, 20);
        FieldData.Layout layout = Options.named(fieldLayout, "--field-layout", FieldData.Layout.values());
        long started = System.nanoTime();
        SparkSession spark = sparkOptions.session("make-scan-data");
        DigitLoader.Source source = input != null ? DigitLoader.Source.of(input) : mnist.testSet();
        OutputDir output = OutputDir.begin(out, overwrite, spark.sparkContext().hadoopConfiguration(), "--out",
                source.paths());
        long files = digits == null ? ScanData.write(spark, source, count, as, drawn, seed, output)
                : FieldData.write(spark, source, new FieldData.Settings(count, digits[0], digits[1], layout, as, drawn,
                        seed), output);
        System.out.printf("make-scan-data: %d %s of %s in %s (%.1f s)%n", files, digits == null ? "scans" : "fields",
                source.input(), out, (System.nanoTime() - started) / 1e9);
        return ExitCodes.OK;
    }
}
