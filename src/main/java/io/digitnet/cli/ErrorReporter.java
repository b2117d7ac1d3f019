package io.digitnet.cli;

import io.digitnet.BadInputException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns failures into the project's exit codes: bad usage and bad input are one line on
 * stderr and code 2; anything else is one line and code 1, with the stack trace when
 * DIGITNET_DEBUG is set.
 */
final class ErrorReporter implements IParameterExceptionHandler, IExecutionExceptionHandler {
    private final PrintWriter err;

    ErrorReporter(PrintWriter err) {
        this.err = err;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        err.println(commandName(e.getCommandLine()) + ": " + oneLine(e.getMessage())
                + " (see --help)");
        return ExitCodes.BAD_INPUT;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
        if (e instanceof ParameterException pe) {
            return handleParseException(pe, parsed.originalArgs().toArray(String[]::new));
        }
        BadInputException bad = BadInputException.findIn(e);
        if (bad != null) {
            err.println(commandName(cli) + ": " + oneLine(bad.getMessage()));
            if (debug()) {
                e.printStackTrace(err);
            }
            return ExitCodes.BAD_INPUT;
        }
        err.println(commandName(cli) + ": failed: " + oneLine(rootMessage(e))
                + (debug() ? "" : " (set DIGITNET_DEBUG=1 for the stack trace)"));
        if (debug()) {
            e.printStackTrace(err);
        }
        return ExitCodes.FAILURE;
    }

    private static String commandName(CommandLine cli) {
        return cli.getCommandSpec().qualifiedName();
    }

    private static boolean debug() {
        String value = System.getenv("DIGITNET_DEBUG");
        return value != null && !value.isEmpty() && !value.equals("0");
    }

    /** The innermost cause's description: Spark's wrappers say less than what they wrap. */
    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getName() : root.getClass().getSimpleName() + ": " + message;
    }

    static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " | ");
    }
}
