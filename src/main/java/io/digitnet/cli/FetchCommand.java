package io.digitnet.cli;

import io.digitnet.data.fetch.Fetcher;
import io.digitnet.data.fetch.FileSource;
import io.digitnet.data.fetch.FolderSource;
import io.digitnet.data.fetch.HttpDownloader;
import io.digitnet.data.fetch.MirrorList;
import io.digitnet.data.fetch.MirrorSource;
import io.digitnet.data.fetch.MnistFile;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code digitnet fetch}: the four MNIST files, verified, into a directory. No Spark involved. */
@Command(
        name = "fetch",
        mixinStandardHelpOptions = true,
        description = "Put the four MNIST files into a directory, each verified by the SHA-256 of its "
                + "decompressed content, from the mirrors or from a local copy. All or nothing: the files "
                + "appear only when all four are verified; files already there and verified are kept.")
final class FetchCommand implements Callable<Integer> {

    @Option(names = "--dest", paramLabel = "DIR", defaultValue = "data/mnist",
            description = "directory to put the files in (default: ${DEFAULT-VALUE})")
    Path dest;

    @Option(names = "--from", paramLabel = "DIR",
            description = "copy the files from this folder instead of downloading them")
    Path from;

    @Option(names = "--mirror", paramLabel = "URL",
            description = "base URL of a mirror (repeatable, tried in turn); replaces the mirrors file's list")
    List<String> mirrors;

    @Option(names = "--mirrors-file", paramLabel = "FILE", defaultValue = "conf/mnist-mirrors.txt",
            description = "mirror base URLs, one a line, # comments (default: ${DEFAULT-VALUE})")
    Path mirrorsFile;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "4",
            description = "retries per mirror after a network failure, with doubling back-off "
                    + "(default: ${DEFAULT-VALUE})")
    int retries;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        boolean mirrorsGiven = mirrors != null && !mirrors.isEmpty();
        if (from != null && (mirrorsGiven || spec.commandLine().getParseResult().hasMatchedOption("--mirrors-file"))) {
            throw new ParameterException(spec.commandLine(),
                    "--from copies a local folder, --mirror and --mirrors-file name mirrors: give one or the other");
        }
        Options.notNegative(retries, "--retries");
        Fetcher.Result result = new Fetcher(MnistFile.all(), System.out).fetch(dest, source(mirrorsGiven));
        System.out.printf("fetch: %d MNIST files verified in %s (%d fetched, %d already there)%n",
                result.fetched() + result.alreadyPresent(), dest, result.fetched(), result.alreadyPresent());
        return ExitCodes.OK;
    }

    private FileSource source(boolean mirrorsGiven) {
        if (from != null) {
            return new FolderSource(from, System.out);
        }
        List<URI> bases = mirrorsGiven
                ? mirrors.stream().map(url -> MirrorList.parse(url, "--mirror")).toList()
                : MirrorList.read(mirrorsFile);
        return new MirrorSource(bases, new HttpDownloader(retries, System.out), System.out);
    }
}
