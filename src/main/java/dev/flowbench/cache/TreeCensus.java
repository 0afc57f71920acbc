package dev.flowbench.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;

/**
 * One walk of a tree's metadata, as fast as the machine allows (folders are walked in parallel, one {@code lstat} per
 * path): how many entries, files and bytes it holds, and the newest change time of its files and of its folders (the
 * root's included). What a kept tree is checked against before a HIT uses it.
 */
record TreeCensus(long entries, long files, long bytes, FileTime newestFileChange, FileTime newestFolderChange) {

    private static final FileTime NEVER = FileTime.fromMillis(0);
    private static final ForkJoinPool POOL = new ForkJoinPool(Math.max(2, Runtime.getRuntime().availableProcessors()));

    static TreeCensus of(Path root) throws IOException {
        StatAttributes rootAttributes = StatAttributes.of(root);
        try {
            TreeCensus inside = POOL.invoke(new Folder(root));
            return inside.plusFolderChange(rootAttributes.changeTime());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private TreeCensus plus(TreeCensus other) {
        return new TreeCensus(entries + other.entries, files + other.files, bytes + other.bytes,
                newest(newestFileChange, other.newestFileChange), newest(newestFolderChange, other.newestFolderChange));
    }

    private TreeCensus plusFolderChange(FileTime changed) {
        return new TreeCensus(entries, files, bytes, newestFileChange, newest(newestFolderChange, changed));
    }

    private static FileTime newest(FileTime a, FileTime b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** A folder's content: its files counted here, its folders forked. */
    private static final class Folder extends RecursiveTask<TreeCensus> {
        private final Path dir;

        Folder(Path dir) {
            this.dir = dir;
        }

        @Override
        protected TreeCensus compute() {
            long entries = 0;
            long files = 0;
            long bytes = 0;
            FileTime fileChange = NEVER;
            FileTime folderChange = NEVER;
            List<Folder> folders = new ArrayList<>();
            try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
                for (Path child : children) {
                    StatAttributes attributes = StatAttributes.of(child);
                    entries++;
                    if (attributes.isDirectory()) {
                        folderChange = newest(folderChange, attributes.changeTime());
                        Folder folder = new Folder(child);
                        folder.fork();
                        folders.add(folder);
                    } else {
                        files++;
                        bytes += attributes.isRegularFile() ? attributes.size() : 0;
                        fileChange = newest(fileChange, attributes.changeTime());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            TreeCensus census = new TreeCensus(entries, files, bytes, fileChange, folderChange);
            for (Folder folder : folders) {
                census = census.plus(folder.join());
            }
            return census;
        }
    }
}
