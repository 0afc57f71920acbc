package dev.flowbench.cache;

/**
 * What an archive holds (entries: files, links and folders) and weighs; {@code sha256} is the digest of the compressed
 * file, {@code manifest} the fingerprint of the tree it was made from (see {@link Manifest}).
 */
record ArchiveStats(long entries, long files, long bytes, long compressedBytes, String sha256, String manifest) {
}
