package dev.flowbench.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.ion.IonObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The top-level values of a file read as Amazon Ion, the format Kestra keeps rows in: a struct or a list becomes a
 * map or a list, a symbol or a string a text, a number a number. A plain text file is Ion too (Kestra reads
 * {@code line 1} as the symbol {@code line} and the number 1, two values; so does this).
 */
final class IonValues {

    private static final IonObjectMapper ION = new IonObjectMapper();

    private IonValues() {
    }

    /** Up to {@code most} values of the file, in order; text that is not Ion is a TemplateError saying where. */
    static List<Object> read(Path file, int most) {
        List<Object> values = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             MappingIterator<JsonNode> each = ION.readerFor(JsonNode.class).readValues(reader)) {
            while (values.size() < most && each.hasNextValue()) {
                values.add(JsonValues.mapper().treeToValue(each.nextValue(), Object.class));
            }
        } catch (IOException | RuntimeException e) {
            throw new Templates.TemplateError("The `values` name the file " + file.getFileName() + ", which cannot be read as"
                    + " Ion rows: " + e.getMessage(), null);
        }
        return values;
    }
}
