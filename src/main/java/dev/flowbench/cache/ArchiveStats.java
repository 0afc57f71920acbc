package dev.flowbench.cache;

/** What an archive holds and weighs; {@code sha256} is the digest of the compressed file. */
record ArchiveStats(long files, long bytes, long compressedBytes, String sha256) {
}
