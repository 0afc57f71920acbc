package dev.flowbench.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A fingerprint of a selection's metadata: every path with its type, permissions, size, modification time
 * and link target. Two equal fingerprints mean nothing was added, removed, rewritten or relinked, the
 * quick check rsync and build caches rely on, so an unchanged tree is not archived again.
 */
final class Manifest {

    private Manifest() {
    }

    static String fingerprint(TreeSelection selection) throws IOException {
        MessageDigest digest = sha256();
        for (SelectedPath path : selection.paths()) {
            var a = path.attributes();
            String type = a.isDirectory() ? "d" : a.isSymbolicLink() ? "l" : "f";
            String link = a.isSymbolicLink() ? Files.readSymbolicLink(path.absolute()).toString() : "";
            String mtime = a.isDirectory() ? "" : Long.toString(a.lastModifiedTime().toMillis());
            String line = type + '\0' + path.name() + '\0' + PosixFilePermissions.toString(a.permissions()) + '\0'
                    + (a.isRegularFile() ? a.size() : 0) + '\0' + mtime + '\0' + link + '\n';
            digest.update(line.getBytes(StandardCharsets.UTF_8));
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
