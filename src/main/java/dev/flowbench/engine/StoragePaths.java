package dev.flowbench.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The output files of an execution as a task's rendered definition names them, said by their content: their paths
 * hold the execution's id, so a task reading an upstream output file would otherwise never be "the same" as in an
 * earlier run, and one whose upstream file changed at the same place would be. Each file is read once per execution,
 * when its task ends ({@link #recordOutputs}): its SHA-256 then is what later tasks and runs know it by, and it is
 * made read-only, as Kestra's internal storage is to the tasks that read it.
 */
final class StoragePaths {

    /** A path goes on until a character a shell or an expression would end it with. */
    private static final String REST = "(/[^\\s'\"`;|&<>(){}\\[\\],]*)?";

    private static final Set<PosixFilePermission> READ_ONLY = PosixFilePermissions.fromString("r--r--r--");

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

    /**
     * The SHA-256 of each of a task's output files (name to digest) as the task left them, each file then made
     * read-only; empty without output files.
     */
    Map<String, String> recordOutputs(Map<String, Object> outputs) {
        if (!(outputs.get("outputFiles") instanceof Map<?, ?> files) || files.isEmpty()) {
            return Map.of();
        }
        Map<String, String> recorded = new LinkedHashMap<>();
        for (Map.Entry<?, ?> file : files.entrySet()) {
            Path path = Path.of(String.valueOf(file.getValue())).toAbsolutePath().normalize();
            recorded.put(String.valueOf(file.getKey()), digests.computeIfAbsent(path, StoragePaths::digest));
            readOnly(path);
        }
        return recorded;
    }

    private static void readOnly(Path file) {
        try {
            Files.setPosixFilePermissions(file, READ_ONLY);
        } catch (IOException | UnsupportedOperationException e) {
            // its digest still tells a change
        }
    }

    private static String digest(Path file) {
        try {
            MessageDigest digest = sha256();
            try (InputStream in = new DigestInputStream(RegularFiles.open(file), digest)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            return "unreadable:" + file; // not the same as any other run's: the task runs
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
