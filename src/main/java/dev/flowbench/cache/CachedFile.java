package dev.flowbench.cache;

import java.nio.file.attribute.FileTime;

/** One file, folder or symlink held by a cache entry. {@code mode} is the permission bits; {@code linkTarget} only for symlinks. */
public record CachedFile(String name, String type, long size, int mode, FileTime modified, String linkTarget) {
}
