package dev.flowbench.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The output files of an execution as a task's rendered definition names them, said by their content: their paths
 * hold the execution's id, so a task reading an upstream output file would otherwise never be "the same" as in an
 * earlier run, and one whose upstream file changed at the same place would be. Each file is read once per execution
 * (output files are written once, when their task ends).
 */
final class StoragePaths {

    /** A path goes on until a character a shell or an expression would end it with. */
    private static final String REST = "(/[^\\s'\"`;|&<>(){}\\[\\],]*)?";

    private final Pattern pattern;
    private final Path root;
    private final Map<Path, String> digests = new ConcurrentHashMap<>();

    StoragePaths(Path executionStorage) {
        this.root = executionStorage.toAbsolutePath().normalize();
        this.pattern = Pattern.compile(Pattern.quote(root.toString()) + REST);
    }

    /** {@code rendered} with each path into this execution's storage replaced by its file's SHA-256 (or its place, if no file). */
    String stable(String rendered) {
        if (!rendered.contains(root.toString())) {
            return rendered;
        }
        Matcher matcher = pattern.matcher(rendered);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String rest = matcher.group(1) == null ? "" : matcher.group(1);
            Path file = Path.of(root + rest);
            String said = Files.isRegularFile(file) ? "output-file:sha256:" + digests.computeIfAbsent(file, StoragePaths::digest)
                    : "execution-storage:" + rest;
            matcher.appendReplacement(out, Matcher.quoteReplacement(said));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String digest(Path file) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(RegularFiles.open(file), digest)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            return "unreadable:" + file; // not the same as any other run's: the task runs
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
