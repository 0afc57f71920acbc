package dev.flowbench.ui.app;

import dev.flowbench.runner.PidPrefix;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.zip.CRC32;

/**
 * The class data sharing archive (AppCDS) of the desktop app: the classes a session loaded, parsed and verified
 * once and mapped into the next JVM instead of being read from the jars again. One archive per class path and JVM:
 * its name holds a digest of the JVM and of each jar's path, size and time, so a rebuilt jar or an updated JVM gets a
 * new one. A JVM writes the archive when it exits; it is taken into use only once another JVM has checked that it
 * loads (a truncated archive can crash the JVM that maps it), and the archives of other builds are removed then.
 * (Java 17 cannot write and read an archive in one run: a session without one writes it for the next.)
 */
final class ClassArchive {

    private static final String PREFIX = "flowbench-";
    private static final String SUFFIX = ".jsa";
    private static final String PART = ".part";

    private final Path folder;
    private final String key;

    private ClassArchive(Path folder, String key) {
        this.folder = folder;
        this.key = key;
    }

    /** The archive for {@code classPath} in {@code folder}; none when the class path holds folders (not archivable) or the folder cannot be written. */
    static Optional<ClassArchive> forClassPath(Path folder, String classPath) {
        try {
            StringBuilder identity = new StringBuilder(System.getProperty("java.home")).append('\0')
                    .append(System.getProperty("java.vm.version"));
            for (String entry : classPath.split(File.pathSeparator)) {
                Path jar = Path.of(entry).toAbsolutePath();
                if (!Files.isRegularFile(jar)) {
                    return Optional.empty();
                }
                identity.append('\0').append(jar).append('\0').append(Files.size(jar))
                        .append('\0').append(Files.getLastModifiedTime(jar).toMillis());
            }
            Files.createDirectories(folder);
            if (!Files.isWritable(folder)) {
                return Optional.empty();
            }
            return Optional.of(new ClassArchive(folder, key(identity.toString())));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * A short name for the JVM and class path. Two builds that happened to share it would not share an archive: the
     * JVM itself checks the class path's jars against the archive's and, when they differ, does not map it.
     */
    private static String key(String identity) {
        CRC32 crc = new CRC32();
        crc.update(identity.getBytes(StandardCharsets.UTF_8));
        return String.format("%08x%08x", crc.getValue(), identity.hashCode());
    }

    /** Where the archive in use is. */
    Path file() {
        return folder.resolve(PREFIX + key + SUFFIX);
    }

    boolean exists() {
        try {
            return Files.isRegularFile(file()) && Files.size(file()) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Where a JVM of this process's writes a new archive (named after this process, so that one left by a crash can be told). */
    Path freshFile() {
        return folder.resolve(PidPrefix.name(PREFIX + key + SUFFIX + PART));
    }

    /**
     * Takes {@code fresh} into use if {@code loads} says a JVM can map it, and removes the archives of other builds
     * and the parts left by processes that died; a fresh archive that does not load is removed. Says whether it was
     * taken.
     */
    boolean adopt(Path fresh, Predicate<Path> loads) {
        try {
            if (!Files.isRegularFile(fresh) || Files.size(fresh) == 0 || !loads.test(fresh)) {
                Files.deleteIfExists(fresh);
                return false;
            }
            Files.move(fresh, file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            removeOthers();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Removes the archive in use (it made a JVM fail): the next start writes a new one. */
    void discard() {
        try {
            Files.deleteIfExists(file());
        } catch (IOException e) {
            // the next start tries again
        }
    }

    private void removeOthers() throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                boolean otherBuild = name.startsWith(PREFIX) && name.endsWith(SUFFIX) && !entry.equals(file());
                boolean orphanPart = name.endsWith(PART) && !PidPrefix.ownerAlive(name);
                if (otherBuild || orphanPart) {
                    Files.deleteIfExists(entry);
                }
            }
        }
    }
}
