package dev.flowbench.cache;

import java.io.IOException;

/** An archive whose content does not match the digest recorded when it was saved. */
final class CorruptArchiveException extends IOException {
    CorruptArchiveException(String message) {
        super(message);
    }
}
