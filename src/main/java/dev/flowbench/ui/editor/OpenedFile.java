package dev.flowbench.ui.editor;

import dev.flowbench.app.FlowFiles;
import dev.flowbench.flow.LoadedFlow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A flow file read for a tab, off the FX thread: its text and modification time, or why it cannot be edited
 * ({@code failure}). {@code validation} is a check of the text already under way (the tab shown at start has its
 * problems as soon as can be), or null: the editor checks the text itself.
 */
public record OpenedFile(Path path, String text, FileTime modified, String failure, CompletableFuture<LoadedFlow> validation) {

    /** Reads {@code file}; a file that cannot be read is a failure, not an exception. */
    public static OpenedFile read(Path file) {
        try {
            return new OpenedFile(file, FlowFiles.read(file), Files.getLastModifiedTime(file), null, null);
        } catch (IOException e) {
            return new OpenedFile(file, "", null, e.getMessage(), null);
        }
    }

    /** This file with its text's validation started on {@code background}. */
    public OpenedFile validatedOn(Executor background) {
        if (failure != null) {
            return this;
        }
        return new OpenedFile(path, text, modified, null, CompletableFuture.supplyAsync(() -> EditorViewModel.validate(text), background));
    }
}
