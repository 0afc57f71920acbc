package dev.flowbench.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A path's metadata from one {@code lstat}, with its change time (ctime), which the standard attributes leave out.
 * The kernel sets a ctime on every change of a file's content or metadata and no program can set it back, which is
 * what lets a kept tree prove it was not touched (see {@link KeptTrees}). Owner and group are not read.
 */
final class StatAttributes implements PosixFileAttributes {

    private static final String WANTED = "unix:mode,size,lastModifiedTime,ctime";
    private static final int TYPE_MASK = 0170000;
    private static final int TYPE_FILE = 0100000;
    private static final int TYPE_DIRECTORY = 0040000;
    private static final int TYPE_SYMLINK = 0120000;
    private static final PosixFilePermission[] PERMISSIONS = PosixFilePermission.values();

    private final int mode;
    private final long size;
    private final FileTime modified;
    private final FileTime changed;

    private StatAttributes(int mode, long size, FileTime modified, FileTime changed) {
        this.mode = mode;
        this.size = size;
        this.modified = modified;
        this.changed = changed;
    }

    static StatAttributes of(Path path) throws IOException {
        Map<String, Object> read = Files.readAttributes(path, WANTED, LinkOption.NOFOLLOW_LINKS);
        return new StatAttributes((Integer) read.get("mode"), (Long) read.get("size"), (FileTime) read.get("lastModifiedTime"),
                (FileTime) read.get("ctime"));
    }

    /** When the content or metadata last changed. */
    FileTime changeTime() {
        return changed;
    }

    @Override
    public Set<PosixFilePermission> permissions() {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        for (int i = 0; i < PERMISSIONS.length; i++) {
            if ((mode & (1 << (8 - i))) != 0) {
                set.add(PERMISSIONS[i]);
            }
        }
        return set;
    }

    @Override
    public UserPrincipal owner() {
        throw new UnsupportedOperationException("the owner is not read");
    }

    @Override
    public GroupPrincipal group() {
        throw new UnsupportedOperationException("the group is not read");
    }

    @Override
    public FileTime lastModifiedTime() {
        return modified;
    }

    @Override
    public FileTime lastAccessTime() {
        return modified;
    }

    @Override
    public FileTime creationTime() {
        return modified;
    }

    @Override
    public boolean isRegularFile() {
        return (mode & TYPE_MASK) == TYPE_FILE;
    }

    @Override
    public boolean isDirectory() {
        return (mode & TYPE_MASK) == TYPE_DIRECTORY;
    }

    @Override
    public boolean isSymbolicLink() {
        return (mode & TYPE_MASK) == TYPE_SYMLINK;
    }

    @Override
    public boolean isOther() {
        return !isRegularFile() && !isDirectory() && !isSymbolicLink();
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public Object fileKey() {
        return null;
    }
}
