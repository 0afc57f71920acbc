package dev.flowbench.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * A fingerprint of a tree's metadata: every path with its type, permissions, size, modification time
 * (files only) and link target, in no particular order. Two equal fingerprints mean no path was added,
 * removed or relinked and no file changed size or mode; whether a file's content changed is told by its change
 * time, which the cache compares on its own (see {@link ChangeHorizon}): a program may set a modification time back.
 * It is computed from a walk before saving, and from the archive's entries while restoring (no second walk).
 */
final class Manifest {

    private final List<String> lines = new ArrayList<>();

    void directory(String name, int mode) {
        lines.add("d\0" + name + "\0" + Integer.toOctalString(mode & 0777));
    }

    void file(String name, int mode, long size, long mtimeMillis) {
        lines.add("f\0" + name + "\0" + Integer.toOctalString(mode & 0777) + "\0" + size + "\0" + mtimeMillis);
    }

    void symlink(String name, String target) {
        lines.add("l\0" + name + "\0" + target);
    }

    String fingerprint() {
        List<String> sorted = new ArrayList<>(lines);
        Collections.sort(sorted);
        MessageDigest digest = sha256();
        for (String line : sorted) {
            digest.update(line.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\n');
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String fingerprint(TreeSelection selection) throws IOException {
        Manifest manifest = new Manifest();
        for (SelectedPath path : selection.paths()) {
            PosixFileAttributes a = path.attributes();
            int mode = ArchiveWriter.mode(a);
            if (a.isDirectory()) {
                manifest.directory(path.name(), mode);
            } else if (a.isSymbolicLink()) {
                manifest.symlink(path.name(), Files.readSymbolicLink(path.absolute()).toString());
            } else {
                manifest.file(path.name(), mode, a.size(), a.lastModifiedTime().toMillis());
            }
        }
        return manifest.fingerprint();
    }

    /** The SHA-256 of a file's bytes, in hex. */
    static String sha256Of(java.nio.file.Path file) throws IOException {
        MessageDigest digest = sha256();
        try (java.io.InputStream in = new java.security.DigestInputStream(dev.flowbench.engine.RegularFiles.open(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
