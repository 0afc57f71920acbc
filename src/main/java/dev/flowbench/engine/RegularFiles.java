package dev.flowbench.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reading files that Flowbench wrote itself (archives, seals, stored output files, logs, settings) as what they must
 * be: regular files. Anything else put in their place is refused before it is opened, with what it is: opening a pipe
 * nobody writes to waits for ever, and a device such as {@code /dev/zero} never ends. Links are not followed.
 */
public final class RegularFiles {

    private RegularFiles() {
    }

    /** Opens {@code file} for reading; an IOException says what it is when it is not a regular file. */
    public static InputStream open(Path file) throws IOException {
        requireRegular(file);
        return Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
    }

    /** The whole of {@code file}, refused when it is not a regular file or holds more than {@code limit} bytes. */
    public static byte[] read(Path file, int limit) throws IOException {
        long size = requireRegular(file).size();
        if (size > limit) {
            throw new IOException(file + " holds " + size + " bytes, more than the " + limit + " it may");
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw new IOException(file + " grew past the " + limit + " bytes it may hold while it was read");
            }
            return bytes;
        }
    }

    private static BasicFileAttributes requireRegular(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isRegularFile()) {
            throw new IOException(file + " is not a regular file but " + kind(attributes));
        }
        return attributes;
    }

    private static String kind(BasicFileAttributes attributes) {
        if (attributes.isSymbolicLink()) {
            return "a symbolic link";
        }
        if (attributes.isDirectory()) {
            return "a folder";
        }
        return "a pipe, a device or a socket";
    }
}
