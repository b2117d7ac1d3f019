package io.digitnet.cli;

import io.digitnet.data.OutputDir;
import io.digitnet.data.ScanPictures;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code digitnet show-scans}: what the network is given for each scan, drawn beside the scan, for a person to look at. */
@Command(
        name = "show-scans",
        mixinStandardHelpOptions = true,
        description = "Draw the first scans of a folder each beside the 28x28 the normaliser makes of it (what the "
                + "network is given): DIR/<n>.png, and DIR/index.txt naming each scan, or why it has no picture.")
final class ShowScansCommand implements Callable<Integer> {

    @Option(names = "--input", required = true, paramLabel = "FOLDER", description = "a folder of PNG or JPEG scans")
    String input;

    @Option(names = "--count", paramLabel = "N", defaultValue = "50",
            description = "how many scans, in path order (default: ${DEFAULT-VALUE})")
    int count;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "folder to write")
    String out;

    @Option(names = "--overwrite", description = "replace an existing folder")
    boolean overwrite;

    @Override
    public Integer call() {
        Options.positive(count, "--count");
        Configuration conf = new Configuration();
        OutputDir output = OutputDir.begin(out, overwrite, conf, "--out", List.of(input));
        int scans = ScanPictures.write(conf, input, count, output);
        System.out.printf("show-scans: %d scans of %s beside their 28x28 in %s%n", scans, input, out);
        return ExitCodes.OK;
    }
}
