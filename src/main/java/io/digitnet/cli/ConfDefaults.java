package io.digitnet.cli;

import io.digitnet.BadInputException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Option defaults from the conf file, so that settings go: command line, then conf file,
 * then the default written in the option's annotation.
 *
 * <p>The key is the command's name and the option's long name without dashes, e.g.
 * {@code ingest.rows-per-file=500000}. The file is the one named by the system property
 * {@code digitnet.conf} (the jobs/ launcher sets it to conf/digitnet.properties), else
 * conf/digitnet.properties in the working directory if there is one. In a value,
 * {@code ${digitnet.home}} stands for the project's folder (the system property the
 * launcher sets, else the working directory), so that the conf file can name files of
 * the project wherever the job is started from.
 */
final class ConfDefaults implements IDefaultValueProvider {
    static final String PROPERTY = "digitnet.conf";
    static final String HOME_PROPERTY = "digitnet.home";
    private static final Path LOCAL_FILE = Path.of("conf", "digitnet.properties");

    private final Properties values;

    ConfDefaults(Properties values) {
        this.values = values;
    }

    static ConfDefaults load() {
        String named = System.getProperty(PROPERTY);
        if (named != null && !named.isBlank()) {
            Path file = Path.of(named);
            if (!Files.isRegularFile(file)) {
                throw new BadInputException(file + " (-D" + PROPERTY + "): no such file");
            }
            return new ConfDefaults(read(file));
        }
        return new ConfDefaults(Files.isRegularFile(LOCAL_FILE) ? read(LOCAL_FILE) : new Properties());
    }

    private static Properties read(Path file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new BadInputException(file + ": not a readable properties file (" + e.getMessage() + ")");
        }
        return properties;
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || arg.command() == null) {
            return null;
        }
        String command = arg.command().qualifiedName(".");
        int root = command.indexOf('.');
        String key = (root < 0 ? command : command.substring(root + 1)) + "."
                + option.longestName().replaceFirst("^-+", "");
        String value = values.getProperty(key);
        return value == null ? null : value.replace("${" + HOME_PROPERTY + "}", System.getProperty(HOME_PROPERTY, "."));
    }
}
