package dev.flowbench.ui.workspace;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;

/**
 * Tells when anything changes under a folder (files created, renamed, deleted, written), on a daemon thread of its
 * own; new subfolders are watched as they appear. Closing it stops the thread.
 */
final class FolderWatcher implements AutoCloseable {

    private final WatchService service;
    private final Thread thread;

    FolderWatcher(Path root, Runnable changed) throws IOException {
        this.service = FileSystems.getDefault().newWatchService();
        registerTree(root);
        this.thread = new Thread(() -> loop(changed), "flowbench-folder-watch");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void loop(Runnable changed) {
        while (true) {
            WatchKey key;
            try {
                key = service.take();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            Path dir = (Path) key.watchable();
            key.pollEvents().forEach(event -> {
                if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && event.context() instanceof Path name
                        && Files.isDirectory(dir.resolve(name))) {
                    try {
                        registerTree(dir.resolve(name));
                    } catch (IOException e) {
                        // a folder gone as soon as made
                    }
                }
            });
            key.reset();
            changed.run();
        }
    }

    private void registerTree(Path root) throws IOException {
        Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), 8, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                if (!dir.equals(root) && (name.startsWith(".") || name.equals("node_modules") || name.equals("target"))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                        StandardWatchEventKinds.ENTRY_MODIFY);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            // closing anyway
        }
        thread.interrupt();
    }
}
