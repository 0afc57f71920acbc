package dev.flowbench.flow;

/** The languages of Kestra's script plugins that Flowbench runs as host processes. */
public enum ScriptLanguage {
    SHELL("shell", "sh", "script.sh"),
    PYTHON("python", "python", "script.py"),
    NODE("node", "node", "script.js");

    private final String packageName;
    private final String command;
    private final String scriptFileName;

    ScriptLanguage(String packageName, String command, String scriptFileName) {
        this.packageName = packageName;
        this.command = command;
        this.scriptFileName = scriptFileName;
    }

    public String packageName() {
        return packageName;
    }

    /** The program a Script task's file is run with. */
    public String command() {
        return command;
    }

    public String scriptFileName() {
        return scriptFileName;
    }
}
