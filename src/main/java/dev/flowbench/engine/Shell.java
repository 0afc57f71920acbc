package dev.flowbench.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The shell that runs a script task's joined commands. Kestra's default is {@code /bin/sh -c}, which on
 * Debian is dash, where the seed's {@code source venv/bin/activate} fails (Kestra issue 8540); Flowbench
 * uses bash wherever it exists so that the seed's examples run as written, and sh otherwise.
 */
public record Shell(String program) {

    private static final List<Path> BASH = List.of(Path.of("/bin/bash"), Path.of("/usr/bin/bash"), Path.of("/usr/local/bin/bash"));

    public static Shell detect() {
        for (Path bash : BASH) {
            if (Files.isExecutable(bash)) {
                return new Shell(bash.toString());
            }
        }
        return new Shell("/bin/sh");
    }

    public List<String> commandLine(String script) {
        return List.of(program, "-c", script);
    }

    /** Single-quotes a word for the shell. */
    public static String quote(String word) {
        return "'" + word.replace("'", "'\"'\"'") + "'";
    }
}
