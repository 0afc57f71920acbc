package dev.flowbench.ui.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which archive a class path gets, and how a fresh one is taken into use (the launch itself: DesktopJvmIT). */
class ClassArchiveTest {

    @TempDir
    Path dir;

    private Path jar(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    private ClassArchive archive(Path... jars) {
        StringBuilder classPath = new StringBuilder();
        for (Path jar : jars) {
            classPath.append(classPath.length() == 0 ? "" : File.pathSeparator).append(jar);
        }
        return ClassArchive.forClassPath(dir.resolve("cds"), classPath.toString()).orElseThrow();
    }

    @Test
    void aClassPathWithAFolderOrAMissingJarHasNoArchive() throws Exception {
        Path jar = jar("app.jar", "x");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        assertThat(ClassArchive.forClassPath(dir.resolve("cds"), jar + File.pathSeparator + classes)).isEmpty();
        assertThat(ClassArchive.forClassPath(dir.resolve("cds"), dir.resolve("gone.jar").toString())).isEmpty();
    }

    @Test
    void theSameJarsShareAnArchiveAndARebuiltJarGetsANewOne() throws Exception {
        Path app = jar("app.jar", "version 1");
        Path lib = jar("lib.jar", "library");
        Path first = archive(app, lib).file();
        assertThat(archive(app, lib).file()).isEqualTo(first);
        assertThat(first.getParent()).isEqualTo(dir.resolve("cds"));

        Files.writeString(app, "version 2, a longer jar");
        assertThat(archive(app, lib).file()).isNotEqualTo(first);
        Path second = archive(app, lib).file();
        Files.setLastModifiedTime(app, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        assertThat(archive(app, lib).file()).isNotEqualTo(second);
    }

    @Test
    void aFreshArchiveThatLoadsIsTakenAndOtherBuildsAndOrphanPartsAreRemoved() throws Exception {
        ClassArchive old = archive(jar("app.jar", "old build"));
        Files.writeString(old.file(), "the old build's archive");
        ClassArchive current = archive(jar("app.jar", "new build!"));
        Path fresh = current.freshFile();
        Files.writeString(fresh, "classes");
        Path orphan = Files.writeString(dir.resolve("cds").resolve("999999999-flowbench-0000.jsa.part"), "left by a crash");
        Path someoneElses = Files.writeString(dir.resolve("cds").resolve("notes.txt"), "not ours");

        assertThat(current.exists()).isFalse();
        assertThat(current.adopt(fresh, archive -> true)).isTrue();

        assertThat(current.exists()).isTrue();
        assertThat(current.file()).hasContent("classes");
        assertThat(fresh).doesNotExist();
        assertThat(old.file()).doesNotExist();
        assertThat(orphan).doesNotExist();
        assertThat(someoneElses).exists();
    }

    @Test
    void aFreshArchiveThatDoesNotLoadOrIsEmptyIsThrownAway() throws Exception {
        ClassArchive archive = archive(jar("app.jar", "build"));
        Path fresh = Files.writeString(archive.freshFile(), "truncated");
        assertThat(archive.adopt(fresh, candidate -> false)).isFalse();
        assertThat(fresh).doesNotExist();
        assertThat(archive.exists()).isFalse();

        Path empty = Files.writeString(archive.freshFile(), "");
        assertThat(archive.adopt(empty, candidate -> true)).isFalse();
        assertThat(archive.exists()).isFalse();
        assertThat(archive.adopt(archive.freshFile(), candidate -> true)).as("never written").isFalse();
    }

    @Test
    void aDiscardedArchiveIsGone() throws Exception {
        ClassArchive archive = archive(jar("app.jar", "build"));
        Files.writeString(archive.file(), "made a JVM fail");
        archive.discard();
        assertThat(archive.exists()).isFalse();
    }
}
