package io.digitnet.cli;

/** The project's exit codes (picocli's USAGE code is the same 2). */
final class ExitCodes {
    static final int OK = 0;
    static final int FAILURE = 1;
    static final int BAD_INPUT = 2;

    private ExitCodes() {}
}
