package dev.flowbench.cache;

import java.io.IOException;

/** An archive that would write outside its directory, or holds entries a cache never makes. */
final class UnsafeArchiveException extends IOException {
    UnsafeArchiveException(String message) {
        super(message);
    }
}
