package dev.flowbench.ui.form;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tokens of a task's script for highlighting: comments, strings, numbers, keywords of its language (shell, Python or
 * JavaScript, from the task's type) and {@code {{ }}} expressions. Forgiving and fast: a highlighter, not a parser.
 */
final class ScriptLexer {

    record Token(int start, int end, String style) {
    }

    enum Language {
        SHELL("#", Set.of("if", "then", "else", "elif", "fi", "for", "while", "do", "done", "case", "esac", "in",
                "function", "return", "export", "local", "set", "source", "echo", "cd", "exit")),
        PYTHON("#", Set.of("def", "class", "import", "from", "as", "return", "if", "elif", "else", "for", "while",
                "in", "not", "and", "or", "is", "with", "try", "except", "finally", "raise", "pass", "None", "True",
                "False", "lambda", "yield", "print")),
        JAVASCRIPT("//", Set.of("const", "let", "var", "function", "return", "if", "else", "for", "while", "of", "in",
                "new", "class", "import", "from", "export", "async", "await", "try", "catch", "throw", "null",
                "undefined", "true", "false", "require", "console"));

        final String comment;
        final Set<String> keywords;

        Language(String comment, Set<String> keywords) {
            this.comment = comment;
            this.keywords = keywords;
        }

        static Language ofType(String type) {
            if (type.contains(".python.")) {
                return PYTHON;
            }
            return type.contains(".node.") ? JAVASCRIPT : SHELL;
        }
    }

    static final String COMMENT = "script-comment";
    static final String STRING = "script-string";
    static final String NUMBER = "script-number";
    static final String KEYWORD = "script-keyword";
    static final String EXPRESSION = "script-expression";

    private static final Pattern TOKEN = Pattern.compile(
            "(?<expr>\\{\\{.*?}})|(?<str>\"(?:[^\"\\\\\\n]|\\\\.)*\"?|'(?:[^'\\\\\\n]|\\\\.)*'?|`[^`]*`?)"
                    + "|(?<num>\\b\\d+(?:\\.\\d+)?\\b)|(?<word>[A-Za-z_][A-Za-z0-9_]*)");

    private ScriptLexer() {
    }

    static List<Token> lex(String text, Language language) {
        List<Token> tokens = new ArrayList<>();
        int lineStart = 0;
        while (lineStart <= text.length()) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = text.length();
            }
            lexLine(text, lineStart, lineEnd, language, tokens);
            lineStart = lineEnd + 1;
        }
        return tokens;
    }

    private static void lexLine(String text, int start, int end, Language language, List<Token> into) {
        Matcher matcher = TOKEN.matcher(text).region(start, end);
        int searchFrom = start;
        while (matcher.find()) {
            int comment = commentStart(text, searchFrom, matcher.start(), language);
            if (comment >= 0) {
                into.add(new Token(comment, end, COMMENT));
                return;
            }
            searchFrom = matcher.end();
            if (matcher.group("expr") != null) {
                into.add(new Token(matcher.start(), matcher.end(), EXPRESSION));
            } else if (matcher.group("str") != null) {
                into.add(new Token(matcher.start(), matcher.end(), STRING));
            } else if (matcher.group("num") != null) {
                into.add(new Token(matcher.start(), matcher.end(), NUMBER));
            } else if (language.keywords.contains(matcher.group("word"))) {
                into.add(new Token(matcher.start(), matcher.end(), KEYWORD));
            }
        }
        int comment = commentStart(text, searchFrom, end, language);
        if (comment >= 0) {
            into.add(new Token(comment, end, COMMENT));
        }
    }

    /** A comment marker between tokens: at the line's start or after a space (so a URL's "//" or "$#" is not one). */
    private static int commentStart(String text, int from, int to, Language language) {
        int at = text.indexOf(language.comment, from);
        while (at >= 0 && at < to) {
            if (at == 0 || Character.isWhitespace(text.charAt(at - 1))) {
                return at;
            }
            at = text.indexOf(language.comment, at + 1);
        }
        return -1;
    }
}
