package io.digitnet;

/** The project's version, from the jar's manifest ("dev" when run from classes). */
public final class Version {
    private Version() {}

    public static String project() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
