package dev.flowbench.cache;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;

/** A file, folder or symlink of a working directory that the cache patterns matched. */
record SelectedPath(Path relative, Path absolute, PosixFileAttributes attributes) {

    boolean isDirectory() {
        return attributes.isDirectory();
    }

    boolean isSymbolicLink() {
        return attributes.isSymbolicLink();
    }

    /** A portable name: '/'-separated. */
    String name() {
        return relative.toString().replace('\\', '/');
    }
}
