package dev.flowbench.flow;

import java.util.Optional;

/** The Kestra a flow is checked for: Kestra 2 (2.0 LTS, 2.1) by default, or the 1.3 LTS for users not yet upgraded. */
public enum KestraVersion {
    KESTRA_2("2"),
    KESTRA_1_3("1.3");

    private final String label;

    KestraVersion(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** "2", "2.0", "2.1" or "1.3" (as users write them); empty for any other. */
    public static Optional<KestraVersion> parse(String text) {
        String version = text == null ? "" : text.strip();
        if (version.equals("2") || version.matches("2\\.[01](\\.\\d+)?")) {
            return Optional.of(KESTRA_2);
        }
        if (version.matches("1\\.3(\\.\\d+)?")) {
            return Optional.of(KESTRA_1_3);
        }
        return Optional.empty();
    }
}
