package dev.flowbench.ui.app;

/**
 * A Java agent that does nothing: its jar's manifest puts Monocle on the class path of a JVM started as a user starts
 * the app ({@code ./flowbench}, whose class path is the jar alone), so that the JVM can open its window headless.
 */
public final class ClassPathAgent {

    private ClassPathAgent() {
    }

    public static void premain(String options) {
        // the manifest's Class-Path is the point
    }
}
