package dev.flowbench.cache;

import dev.flowbench.engine.RegularFiles;
import dev.flowbench.runner.PidPrefix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret that signs the seals of kept trees (HMAC-SHA256), in a file only its owner may read, outside the kept
 * trees ({@code cache/seal-key}). A seal edited by hand, or by a program that does not read this file (moving its
 * horizons later so that an edited tree passes), no longer matches its signature, and its tree is not used. What it
 * does not stop: a program running as the user that reads this file and signs a seal of its own.
 */
final class SealKey {

    private static final int BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    private SealKey(byte[] secret) {
        this.key = new SecretKeySpec(secret, ALGORITHM);
    }

    /** The key in {@code file}, made (readable by its owner only) when there is none yet. */
    static SealKey open(Path file) throws IOException {
        if (!Files.exists(file)) {
            create(file);
        }
        byte[] secret = RegularFiles.read(file, BYTES);
        if (secret.length != BYTES) {
            throw new IOException(file + " is not a seal key (" + secret.length + " bytes, not " + BYTES + ")");
        }
        return new SealKey(secret);
    }

    /** Writes a new key aside, then links it into place: two processes making one at once end with the same key. */
    private static void create(Path file) throws IOException {
        byte[] secret = new byte[BYTES];
        new SecureRandom().nextBytes(secret);
        Path aside = file.resolveSibling(PidPrefix.name("seal-key-" + UUID.randomUUID()));
        try {
            Files.createFile(aside, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(aside, secret);
            try {
                Files.createLink(file, aside); // fails when another process made the key first: then that one is read
            } catch (FileAlreadyExistsException e) {
                // made by another process meanwhile
            } catch (UnsupportedOperationException | IOException e) {
                if (!Files.exists(file)) {
                    Files.move(aside, file, StandardCopyOption.ATOMIC_MOVE); // a filesystem without hard links
                }
            }
        } finally {
            Files.deleteIfExists(aside);
        }
    }

    String sign(String text) {
        return HexFormat.of().formatHex(mac().doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    boolean verifies(String text, String signature) {
        return signature != null && MessageDigest.isEqual(sign(text).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    private Mac mac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has " + ALGORITHM, e);
        }
    }
}
