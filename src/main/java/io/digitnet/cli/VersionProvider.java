package io.digitnet.cli;

import picocli.CommandLine.IVersionProvider;

/** The project version from the jar manifest, and the Spark version it runs on. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {
            "digitnet " + projectVersion(), "Apache Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION()
        };
    }

    static String projectVersion() {
        return io.digitnet.Version.project();
    }
}
