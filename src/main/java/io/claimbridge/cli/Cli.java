package io.claimbridge.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.claimbridge.normalize.cli.ConvertCommand;

/**
 * The analyst commands, run from the engine's jar without starting the server, with the same
 * mapping and conformance files the engine uses:
 * <pre>
 *   java -jar target/claimbridge.jar convert  [--sender NAME] [--mappings DIR] FILE
 *   java -jar target/claimbridge.jar validate [--sender NAME] [--format json|text] [--mappings DIR]
 *                                             [--conformance DIR] [--cpt-file FILE] FILE
 * </pre>
 * Exit codes: 0 fine, 1 the claim has edit errors (validate), 2 unreadable input or bad usage.
 */
public final class Cli {
    private static final Set<String> COMMANDS = Set.of("convert", "validate", "help", "--help");

    private Cli() {
    }

    public static boolean handles(String command) {
        return COMMANDS.contains(command);
    }

    public static int run(String[] args) {
        quietLogging();
        return run(args, System.out, System.err);
    }

    /** stdout carries the command's output only: libraries log warnings and worse to stderr. */
    private static void quietLogging() {
        var context = (ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        context.reset();
        var encoder = new ch.qos.logback.classic.encoder.PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%level %logger{20} - %msg%n");
        encoder.start();
        var appender = new ch.qos.logback.core.ConsoleAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        appender.setContext(context);
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();
        var root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(ch.qos.logback.classic.Level.WARN);
        root.addAppender(appender);
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(usage());
            return 2;
        }
        if (o.command().equals("help") || o.command().equals("--help")) {
            out.println(usage());
            return 0;
        }
        String content;
        try {
            if (Files.size(o.file()) > 20L * 1024 * 1024) {
                err.println(o.file() + ": larger than 20 MB, not an encounter file");
                return 2;
            }
            content = Files.readString(o.file(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println(o.file() + ": cannot read (" + e.getClass().getSimpleName() + ")");
            return 2;
        }
        try {
            ConvertCommand convert = new ConvertCommand(o.mappings());
            if (o.command().equals("convert")) {
                out.println(convert.convert(content, o.sender()));
                return 0;
            }
            return new ValidateCommand(o.conformance(), o.cptFile(), o.mappings())
                    .run(convert.encounters(content, o.sender()), o.format(), out);
        } catch (RuntimeException | IOException e) {
            err.println(o.file() + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            return 2;
        }
    }

    static String usage() {
        return """
                usage:
                  claimbridge convert  [--sender NAME] [--mappings DIR] FILE
                  claimbridge validate [--sender NAME] [--format json|text] [--mappings DIR] [--conformance DIR] [--cpt-file FILE] FILE
                FILE is HL7v2 (one message or a batch) or FHIR R4 JSON/XML (Encounter, Claim or Bundle).
                validate exits 0 when no edit is an error, 1 when one is, 2 when the input cannot be read.""";
    }

    record Options(String command, String sender, String format, Path mappings, Path conformance, Path cptFile,
                   Path file) {
        static Options parse(String[] args) {
            String command = args[0];
            String sender = null;
            String format = "json";
            Path mappings = Path.of("mappings");
            Path conformance = Path.of("conformance");
            Path cpt = null;
            List<String> rest = new ArrayList<>();
            for (int i = 1; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--sender" -> sender = value(args, ++i, a);
                    case "--format" -> format = value(args, ++i, a);
                    case "--mappings" -> mappings = Path.of(value(args, ++i, a));
                    case "--conformance" -> conformance = Path.of(value(args, ++i, a));
                    case "--cpt-file" -> cpt = Path.of(value(args, ++i, a));
                    default -> {
                        if (a.startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + a);
                        }
                        rest.add(a);
                    }
                }
            }
            if (!format.equals("json") && !format.equals("text")) {
                throw new IllegalArgumentException("--format is json or text");
            }
            if (command.equals("help") || command.equals("--help")) {
                return new Options(command, sender, format, mappings, conformance, cpt, null);
            }
            if (rest.size() != 1) {
                throw new IllegalArgumentException(command + " takes exactly one FILE");
            }
            return new Options(command, sender, format, mappings, conformance, cpt, Path.of(rest.get(0)));
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }
    }
}
