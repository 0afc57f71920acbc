package dev.flowbench.store;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/** {@code FLOWBENCH_HOME/settings.properties}: user settings such as {@code cache.maxSize=10GiB}. */
public final class Settings {

    public static final String CACHE_MAX_SIZE = "cache.maxSize";
    /** Where tasks' working directories are made ({@code FLOWBENCH_HOME/work} by default). */
    public static final String WORK_DIR = "work.dir";

    private final Properties properties;
    private final Path file;

    private Settings(Path file, Properties properties) {
        this.file = file;
        this.properties = properties;
    }

    public static Settings load(Path file) throws IOException {
        Properties properties = new Properties();
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new IOException(file + " is not a regular file"); // a pipe would be waited on for ever
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            // no settings: defaults everywhere
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " is not a valid properties file: " + e.getMessage(), e);
        }
        return new Settings(file, properties);
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(properties.getProperty(key)).map(String::trim).filter(s -> !s.isEmpty());
    }

    public Path file() {
        return file;
    }
}
