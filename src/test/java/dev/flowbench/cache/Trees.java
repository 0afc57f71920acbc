package dev.flowbench.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Test helpers: make trees on disk and describe them exactly (type, permissions, size, content, mtime, link). */
final class Trees {

    private Trees() {
    }

    static Map<String, String> describe(Path root) throws IOException {
        Map<String, String> description = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.filter(p -> !p.equals(root)).toList()) {
                PosixFileAttributes a = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                String relative = root.relativize(path).toString();
                String perms = PosixFilePermissions.toString(a.permissions());
                if (a.isSymbolicLink()) {
                    description.put(relative, "link -> " + Files.readSymbolicLink(path));
                } else if (a.isDirectory()) {
                    description.put(relative, "dir " + perms + " " + a.lastModifiedTime().toMillis() / 1000);
                } else {
                    description.put(relative, "file " + perms + " " + a.size() + " " + sha(path) + " "
                            + a.lastModifiedTime().toMillis() / 1000); // tar keeps times to the second
                }
            }
        }
        return description;
    }

    static String sha(Path file) throws IOException {
        return Manifest.sha256Of(file).substring(0, 16);
    }

    /** A tree like a Python venv: executables, symlinks (relative, absolute, dangling), empty folders, odd names. */
    static void venvLike(Path root) throws IOException {
        Path bin = Files.createDirectories(root.resolve("venv/bin"));
        Files.writeString(bin.resolve("activate"), "# activate\nexport VIRTUAL_ENV=...\n");
        Path pip = Files.writeString(bin.resolve("pip"), "#!/usr/bin/env python3\nprint('pip')\n");
        Files.setPosixFilePermissions(pip, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(bin.resolve("python"), Path.of("/usr/bin/python3"));
        Files.createSymbolicLink(bin.resolve("python3"), Path.of("python"));
        Files.createSymbolicLink(bin.resolve("dangling"), Path.of("../nowhere/at/all"));
        Path site = Files.createDirectories(root.resolve("venv/lib/python3.11/site-packages/pkg"));
        Files.writeString(site.resolve("__init__.py"), "VERSION = '1.0'\n");
        Files.write(site.resolve("data.bin"), new byte[70_000]);
        Path readOnly = Files.writeString(site.resolve("read_only.txt"), "locked");
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r--r-----"));
        Files.createDirectories(root.resolve("venv/include/empty"));
        Files.writeString(root.resolve("venv/lib/ünïcödé-名前-😀.txt"), "non-ASCII name");
        Path deep = Files.createDirectories(root.resolve("venv/" + "very-long-folder-name-".repeat(6)));
        Files.writeString(deep.resolve("x".repeat(120) + ".txt"), "a path longer than tar's 100 characters");
        Files.createDirectories(root.resolve("venv/node_modules/.bin"));
        Files.createSymbolicLink(root.resolve("venv/node_modules/.bin/tool"), Path.of("../tool/cli.js"));
        Files.setLastModifiedTime(site.resolve("__init__.py"), java.nio.file.attribute.FileTime.fromMillis(1_600_000_000_123L));
        Files.writeString(root.resolve("not-cached.txt"), "outside the patterns");
    }
}
